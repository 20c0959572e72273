using System.Text.Json.Nodes;
using StatesLanguage.Runtime;

namespace StatesLanguage.Tests;

/// <summary>Spec: "Input and Output Processing" (InputPath, Parameters, ResultSelector, ResultPath, OutputPath), "Paths".</summary>
public class DataFlowTests
{
    private readonly Harness _h = new();

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("[]")]
    public async Task Pass_Result_may_be_any_value_including_falsy_ones(string result) =>
        Harness.Json(result, await _h.Output(Harness.Single($$"""{"Type":"Pass","Result":{{result}},"End":true}""")));

    [Fact]
    public async Task ResultPath_dollar_replaces_the_input() =>
        Harness.Json("""{"b":2}""", await _h.Output(Harness.Single("""{"Type":"Pass","Result":{"b":2},"ResultPath":"$","End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task ResultPath_null_discards_the_result_and_keeps_the_input() =>
        Harness.Json("""{"a":1}""", await _h.Output(Harness.Single("""{"Type":"Pass","Result":{"b":2},"ResultPath":null,"End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task ResultPath_creates_missing_objects_along_the_path() =>
        Harness.Json("""{"a":1,"x":{"y":{"z":true}}}""",
            await _h.Output(Harness.Single("""{"Type":"Pass","Result":true,"ResultPath":"$.x.y.z","End":true}"""), """{"a":1}"""));

    [Fact]
    public async Task ResultPath_into_a_non_object_input_fails_with_ResultPathMatchFailure()
    {
        var result = await _h.Failure(Harness.Single("""{"Type":"Pass","Result":1,"ResultPath":"$.x","End":true}"""), "\"text\"");

        Assert.Equal(ErrorNames.ResultPathMatchFailure, result.Error);
    }

    [Fact]
    public async Task Bracket_paths_with_spaces_select_fields() =>
        Harness.Json("7", await _h.Output(Harness.Single("""{"Type":"Pass","InputPath":"$['a b']","End":true}"""), """{"a b":7}"""));

    [Fact]
    public async Task InputPath_selects_the_effective_input() =>
        Harness.Json("""{"c":3}""", await _h.Output(Harness.Single("""{"Type":"Pass","InputPath":"$.b","End":true}"""), """{"b":{"c":3}}"""));

    [Fact]
    public async Task InputPath_null_gives_an_empty_object() =>
        Harness.Json("{}", await _h.Output(Harness.Single("""{"Type":"Pass","InputPath":null,"End":true}"""), """{"b":1}"""));

    [Fact]
    public async Task OutputPath_selects_from_the_combined_output() =>
        Harness.Json("5", await _h.Output(Harness.Single("""{"Type":"Pass","Result":5,"ResultPath":"$.r","OutputPath":"$.r","End":true}""")));

    [Fact]
    public async Task OutputPath_null_gives_an_empty_object() =>
        Harness.Json("{}", await _h.Output(Harness.Single("""{"Type":"Pass","OutputPath":null,"End":true}"""), """{"a":1}"""));

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("null")]
    [InlineData("\"\"")]
    public async Task The_root_path_passes_falsy_inputs_through(string input) =>
        Harness.Json(input, await _h.Output(Harness.Single("""{"Type":"Pass","InputPath":"$","OutputPath":"$","End":true}"""), input));

    [Theory]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("null")]
    [InlineData("\"\"")]
    public async Task A_field_path_against_a_falsy_input_fails_with_States_Runtime(string input)
    {
        var result = await _h.Failure(Harness.Single("""{"Type":"Pass","InputPath":"$.a","End":true}"""), input);

        Assert.Equal(ErrorNames.Runtime, result.Error);
    }

    [Fact]
    public async Task A_path_to_a_null_field_selects_null() =>
        Harness.Json("null", await _h.Output(Harness.Single("""{"Type":"Pass","InputPath":"$.a","End":true}"""), """{"a":null}"""));

    [Fact]
    public async Task Parameters_build_the_effective_input_from_paths_and_literals() =>
        Harness.Json("""{"fixed":"x","picked":2,"nested":{"deep":[1,2]}}""",
            await _h.Output(Harness.Single("""{"Type":"Pass","Parameters":{"fixed":"x","picked.$":"$.b","nested":{"deep.$":"$.list"}},"End":true}"""),
                """{"b":2,"list":[1,2]}"""));

    [Fact]
    public async Task A_Parameters_path_with_wildcards_yields_an_array_of_matches() =>
        Harness.Json("""{"ids":[1,2]}""",
            await _h.Output(Harness.Single("""{"Type":"Pass","Parameters":{"ids.$":"$.items[*].id"},"End":true}"""), """{"items":[{"id":1},{"id":2}]}"""));

    [Fact]
    public async Task A_Parameters_filter_expression_selects_matching_items() =>
        Harness.Json("""{"big":[{"n":5}]}""",
            await _h.Output(Harness.Single("""{"Type":"Pass","Parameters":{"big.$":"$.items[?(@.n > 3)]"},"End":true}"""), """{"items":[{"n":1},{"n":5}]}"""));

    /// <summary>
    /// AWS differs from the spec document here: the spec names States.ParameterPathFailure, but Step Functions fails the
    /// execution with States.Runtime (naming the path and the field), and no Catch intercepts it.
    /// </summary>
    [Fact]
    public async Task A_Parameters_path_that_matches_nothing_fails_with_uncatchable_States_Runtime_as_AWS_does()
    {
        _h.Function("F", input => input);
        var result = await _h.Failure("""
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F","Parameters":{"v.$":"$.missing"},"End":true,
                   "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]},
              "Caught":{"Type":"Succeed"}}}
            """);

        Assert.Equal(ErrorNames.Runtime, result.Error);
        Assert.Contains("'$.missing'", result.Cause, StringComparison.Ordinal);
        Assert.Contains("'v.$'", result.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultSelector_reshapes_the_raw_result_before_ResultPath()
    {
        _h.Function("F", _ => JsonNode.Parse("""{"Payload":{"n":1},"Noise":true}"""));

        var output = await _h.Output(Harness.Single(
            """{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:F","ResultSelector":{"n.$":"$.Payload.n"},"ResultPath":"$.r","End":true}"""),
            """{"a":0}""");

        Harness.Json("""{"a":0,"r":{"n":1}}""", output);
    }

    [Fact]
    public async Task The_context_object_describes_execution_state_and_state_machine()
    {
        var output = await _h.Output(Harness.Single("""{"Type":"Pass","Parameters":{"c.$":"$$"},"End":true}"""), """{"in":1}""");

        Harness.Json("""
            {"c":{"Execution":{"Id":"arn:aws:states:us-east-1:123456789012:execution:Machine:test","Input":{"in":1},"Name":"test",
              "RoleArn":"arn:aws:iam::123456789012:role/Run","StartTime":"2026-11-26T12:00:00.000Z","RedriveCount":0},
              "State":{"EnteredTime":"2026-11-26T12:00:00.000Z","Name":"S","RetryCount":0},
              "StateMachine":{"Id":"arn:aws:states:us-east-1:123456789012:stateMachine:Machine","Name":"Machine"}}}
            """, output);
    }

    [Fact]
    public async Task Execution_Input_in_the_context_is_the_original_input_in_later_states() =>
        Harness.Json("""{"orig":{"a":1}}""", await _h.Output("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Result":"changed","Next":"B"},
              "B":{"Type":"Pass","Parameters":{"orig.$":"$$.Execution.Input"},"End":true}}}
            """, """{"a":1}"""));

    [Fact]
    public async Task Output_is_not_affected_by_later_changes_to_the_input_node()
    {
        var execution = _h.Start(Harness.Single("""{"Type":"Pass","End":true}"""), """{"a":1}""");
        var result = await Harness.Finish(execution);

        ((JsonObject)execution.Input!)["a"] = 2;

        Harness.Json("""{"a":1}""", result.Output);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
    }
}
