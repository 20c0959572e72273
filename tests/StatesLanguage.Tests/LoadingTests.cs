namespace StatesLanguage.Tests;

/// <summary>Spec: "Structure of a State Machine", "States", "Transitions"; developer guide: DefinitionSubstitutions.</summary>
public class LoadingTests
{
    private static IReadOnlyList<DefinitionProblem> Problems(string json, IReadOnlyDictionary<string, string>? substitutions = null) =>
        StateMachineDefinition.Validate(json, substitutions).Problems;

    private static void HasProblem(IReadOnlyList<DefinitionProblem> problems, string pointer, string fragment) =>
        Assert.Contains(problems, p => p.Pointer == pointer && p.Message.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public void A_valid_definition_has_no_problems()
    {
        var result = StateMachineDefinition.Validate("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}""");

        Assert.True(result.IsValid);
        Assert.Equal("A", result.Definition!.StartAt);
    }

    [Fact]
    public void StartAt_must_name_a_state() =>
        HasProblem(Problems("""{"StartAt":"X","States":{"A":{"Type":"Succeed"}}}"""), "/StartAt", "'X'");

    [Fact]
    public void Next_must_name_a_state() =>
        HasProblem(Problems("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"""), "/States/A/Next", "'Nowhere'");

    [Fact]
    public void Default_and_catch_targets_must_name_states()
    {
        var problems = Problems("""
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Next":"T"}],"Default":"Gone"},
              "T":{"Type":"Task","Resource":"r","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Lost"}]}}}
            """);

        HasProblem(problems, "/States/C/Default", "'Gone'");
        HasProblem(problems, "/States/T/Catch/0/Next", "'Lost'");
    }

    [Fact]
    public void Unreachable_states_are_reported() =>
        HasProblem(Problems("""{"StartAt":"A","States":{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}}"""), "/States/B", "not reachable");

    [Fact]
    public void A_state_needs_exactly_one_of_Next_or_End()
    {
        var problems = Problems("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B","End":true},"B":{"Type":"Pass"}}}""");

        HasProblem(problems, "/States/A", "exactly one of Next");
        HasProblem(problems, "/States/B", "exactly one of Next");
    }

    [Fact]
    public void Fields_not_allowed_for_the_state_type_are_reported()
    {
        var problems = Problems("""{"StartAt":"A","States":{"A":{"Type":"Succeed","Next":"A","ResultPath":"$.x"}}}""");

        HasProblem(problems, "/States/A/Next", "not allowed in a Succeed state");
        HasProblem(problems, "/States/A/ResultPath", "not allowed in a Succeed state");
    }

    [Fact]
    public void An_unknown_state_type_is_reported() =>
        HasProblem(Problems("""{"StartAt":"A","States":{"A":{"Type":"Sleep","End":true}}}"""), "/States/A/Type", "must be one of");

    [Fact]
    public void States_ALL_must_be_alone_and_last()
    {
        var problems = Problems("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"r","End":true,
              "Retry":[{"ErrorEquals":["States.ALL","X"]}],
              "Catch":[{"ErrorEquals":["States.ALL"],"Next":"T"},{"ErrorEquals":["Y"],"Next":"T"}]}}}
            """);

        HasProblem(problems, "/States/T/Retry/0/ErrorEquals", "States.ALL must appear alone");
        HasProblem(problems, "/States/T/Catch/0/ErrorEquals", "States.ALL must appear alone");
    }

    [Fact]
    public void Invalid_paths_are_reported()
    {
        var problems = Problems("""{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"a.b","ResultPath":"$.a[*]","End":true}}}""");

        HasProblem(problems, "/States/A/InputPath", "must start with '$'");
        HasProblem(problems, "/States/A/ResultPath", "reference path");
    }

    [Fact]
    public void Invalid_dollar_values_in_Parameters_are_reported()
    {
        var problems = Problems("""{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"States.Nope(1)","y.$":3},"End":true}}}""");

        HasProblem(problems, "/States/A/Parameters/x.$", "not an intrinsic function");
        HasProblem(problems, "/States/A/Parameters/y.$", "must be a JSONPath");
    }

    [Fact]
    public void Retrier_fields_are_checked()
    {
        var problems = Problems("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"r","End":true,
              "Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5,"MaxAttempts":-1,"JitterStrategy":"SOME"}]}}}
            """);

        HasProblem(problems, "/States/T/Retry/0/BackoffRate", "1.0");
        HasProblem(problems, "/States/T/Retry/0/MaxAttempts", "non-negative");
        HasProblem(problems, "/States/T/Retry/0/JitterStrategy", "FULL or NONE");
    }

    [Fact]
    public void Choice_rules_are_checked()
    {
        var problems = Problems("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
              {"Variable":"$.a","NumericEquals":"one","Next":"E"},
              {"Not":{"Variable":"$.a","IsNull":true,"Next":"E"},"Next":"E"},
              {"Variable":"$.a","Next":"E"}]},"E":{"Type":"Succeed"}}}
            """);

        HasProblem(problems, "/States/C/Choices/0/NumericEquals", "wrong type");
        HasProblem(problems, "/States/C/Choices/1/Not/Next", "Only top-level");
        HasProblem(problems, "/States/C/Choices/2", "exactly one comparison operator");
    }

    [Fact]
    public void Problems_inside_Map_and_Parallel_have_pointers_into_the_sub_definition()
    {
        var problems = Problems("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"A":{"Type":"Succeed"}}}],"Next":"M"},
             "M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass"}}}}}}
            """);

        HasProblem(problems, "/States/P/Branches/0/StartAt", "'X'");
        HasProblem(problems, "/States/M/ItemProcessor/States/I", "exactly one of Next");
    }

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Assert.True(Problems("""{"StartAt":"X","States":{"A":{"Type":"Pass"},"B":{"Type":"Wait","End":true}}}""").Count >= 4);

    [Fact]
    public void Substitutions_are_applied_before_validation()
    {
        var definition = StateMachineDefinition.Load(
            """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"${CheckArn}","End":true}}}""",
            new Dictionary<string, string> { ["CheckArn"] = "arn:aws:lambda:us-east-1:1:function:Check" });

        Assert.Contains("arn:aws:lambda:us-east-1:1:function:Check", definition.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_substitution_is_reported() =>
        HasProblem(Problems("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"${Missing}","End":true}}}"""),
            "/States/T/Resource", "'${Missing}'");

    [Fact]
    public void JSONata_is_rejected_as_not_supported()
    {
        HasProblem(Problems("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}"""), "/QueryLanguage", "not supported");
        HasProblem(Problems("""{"StartAt":"A","States":{"A":{"Type":"Succeed","QueryLanguage":"JSONata"}}}"""), "/States/A/QueryLanguage", "not supported");
    }

    [Fact]
    public void Malformed_json_names_the_line_and_column()
    {
        var problem = Assert.Single(Problems("{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}"));

        Assert.Contains("line 3", problem.Message, StringComparison.Ordinal);
        Assert.Contains("column", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_throws_with_every_problem()
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => StateMachineDefinition.Load("""{"StartAt":"X","States":{}}"""));

        Assert.NotEmpty(e.Problems);
    }

    [Fact]
    public void Distributed_map_readers_are_reported_as_not_supported() =>
        HasProblem(Problems("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject"},
              "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}}}
            """), "/States/M/ItemReader", "not supported");
}
