namespace StatesLanguage.Tests;

/// <summary>Developer guide: "Passing data between states with variables" (Assign, $name, scoping).</summary>
public class VariableTests
{
    private readonly Harness _h = new();

    [Fact]
    public async Task Assign_stores_variables_that_later_states_read() =>
        Harness.Json("""{"seen":5,"label":"x-5"}""", await _h.Output("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"n":5},"Assign":{"count.$":"$.n","label.$":"States.Format('x-{}', $.n)"},"Next":"B"},
              "B":{"Type":"Pass","Parameters":{"seen.$":"$count","label.$":"$label"},"End":true}}}
            """));

    [Fact]
    public async Task Assign_in_one_state_sees_the_values_from_before_that_state() =>
        Harness.Json("""{"a":2,"b":1}""", await _h.Output("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"a":1},"Next":"B"},
              "B":{"Type":"Pass","Assign":{"a":2,"b.$":"$a"},"Next":"C"},
              "C":{"Type":"Pass","Parameters":{"a.$":"$a","b.$":"$b"},"End":true}}}
            """));

    [Fact]
    public async Task Inner_states_of_Map_read_outer_variables() =>
        Harness.Json("""[{"p":"pre"},{"p":"pre"}]""", await _h.Output("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"prefix":"pre"},"Next":"M"},
              "M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"p.$":"$prefix"},"End":true}}}}}}
            """, """{"x":[1,2]}""".Replace("""{"x":[1,2]}""", "[1,2]", StringComparison.Ordinal)));

    [Fact]
    public async Task Variables_assigned_inside_a_branch_are_not_visible_outside()
    {
        var result = await _h.Failure("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"R","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"inner":1},"End":true}}}]},
              "R":{"Type":"Pass","Parameters":{"v.$":"$inner"},"End":true}}}
            """);

        Assert.Equal(ErrorNames.Runtime, result.Error);
    }

    [Fact]
    public async Task Choice_rule_Assign_applies_only_for_the_matched_rule() =>
        Harness.Json("\"big\"", await _h.Output("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
              {"Variable":"$.n","NumericGreaterThan":10,"Assign":{"size":"big"},"Next":"R"},
              {"Variable":"$.n","NumericGreaterThan":0,"Assign":{"size":"small"},"Next":"R"}]},
              "R":{"Type":"Pass","Parameters":{"s.$":"$size"},"OutputPath":"$.s","End":true}}}
            """, """{"n":50}"""));

    [Fact]
    public async Task Catch_Assign_sees_the_error_output() =>
        Harness.Json("\"Oops\"", await _h.Output("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"R","Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"err.$":"$.Error"},"Next":"R"}],
              "Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Oops"}}}]},
              "R":{"Type":"Pass","Parameters":{"e.$":"$err"},"OutputPath":"$.e","End":true}}}
            """));
}
