namespace StatesLanguage.Tests;

/// <summary>Spec: "Choice State" — comparison operators, their Path variants, type tests, And/Or/Not, Default.</summary>
public class ChoiceTests
{
    private readonly Harness _h = new();

    private async Task<bool> Matches(string rule, string input)
    {
        var definition = """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{""" + rule + """
            ,"Next":"Yes"}],"Default":"No"},"Yes":{"Type":"Pass","Result":true,"End":true},"No":{"Type":"Pass","Result":false,"End":true}}}
            """;
        var output = await _h.Output(definition, input);
        return output!.GetValue<bool>();
    }

    [Theory]
    [InlineData("\"StringEquals\":\"a\"", "\"a\"", true)]
    [InlineData("\"StringEquals\":\"a\"", "\"b\"", false)]
    [InlineData("\"StringLessThan\":\"b\"", "\"a\"", true)]
    [InlineData("\"StringGreaterThan\":\"b\"", "\"c\"", true)]
    [InlineData("\"StringLessThanEquals\":\"a\"", "\"a\"", true)]
    [InlineData("\"StringGreaterThanEquals\":\"b\"", "\"a\"", false)]
    [InlineData("\"NumericEquals\":1", "1.0", true)]
    [InlineData("\"NumericLessThan\":2", "1", true)]
    [InlineData("\"NumericGreaterThan\":2", "1", false)]
    [InlineData("\"NumericLessThanEquals\":2", "2", true)]
    [InlineData("\"NumericGreaterThanEquals\":2", "3", true)]
    [InlineData("\"BooleanEquals\":false", "false", true)]
    [InlineData("\"TimestampEquals\":\"2026-01-01T00:00:00Z\"", "\"2026-01-01T01:00:00+01:00\"", true)]
    [InlineData("\"TimestampLessThan\":\"2026-01-01T00:00:00Z\"", "\"2025-12-31T23:59:59Z\"", true)]
    [InlineData("\"TimestampGreaterThan\":\"2026-01-01T00:00:00Z\"", "\"2025-12-31T23:59:59Z\"", false)]
    [InlineData("\"TimestampLessThanEquals\":\"2026-01-01T00:00:00Z\"", "\"2026-01-01T00:00:00Z\"", true)]
    [InlineData("\"TimestampGreaterThanEquals\":\"2026-01-01T00:00:00Z\"", "\"2026-01-02T00:00:00Z\"", true)]
    [InlineData("\"StringMatches\":\"log-*.txt\"", "\"log-2026.txt\"", true)]
    [InlineData("\"StringMatches\":\"a\\\\*b\"", "\"a*b\"", true)]
    [InlineData("\"StringMatches\":\"a\\\\*b\"", "\"axxb\"", false)]
    public async Task Comparison_operators_compare_the_variable_with_a_literal(string op, string value, bool expected) =>
        Assert.Equal(expected, await Matches($"\"Variable\":\"$.v\",{op}", $"{{\"v\":{value}}}"));

    [Theory]
    [InlineData("StringEqualsPath", "\"a\"", "\"a\"", true)]
    [InlineData("NumericLessThanPath", "1", "2", true)]
    [InlineData("NumericGreaterThanEqualsPath", "1", "2", false)]
    [InlineData("BooleanEqualsPath", "true", "true", true)]
    [InlineData("TimestampLessThanPath", "\"2026-01-01T00:00:00Z\"", "\"2026-01-02T00:00:00Z\"", true)]
    [InlineData("StringGreaterThanPath", "\"b\"", "\"a\"", true)]
    public async Task Path_variants_compare_with_a_value_from_the_input(string op, string v, string other, bool expected) =>
        Assert.Equal(expected, await Matches($"\"Variable\":\"$.v\",\"{op}\":\"$.o\"", $"{{\"v\":{v},\"o\":{other}}}"));

    [Theory]
    [InlineData("NumericEquals", "1", "\"1\"")]
    [InlineData("NumericLessThan", "5", "\"1\"")]
    [InlineData("StringEquals", "\"1\"", "1")]
    [InlineData("BooleanEquals", "true", "\"true\"")]
    [InlineData("TimestampEquals", "\"2026-01-01T00:00:00Z\"", "\"yesterday\"")]
    public async Task A_value_of_the_wrong_type_never_matches(string op, string operand, string value) =>
        Assert.False(await Matches($"\"Variable\":\"$.v\",\"{op}\":{operand}", $"{{\"v\":{value}}}"));

    [Theory]
    [InlineData("IsNull", "null", true, true)]
    [InlineData("IsNull", "1", false, true)]
    [InlineData("IsNull", "null", false, false)]
    [InlineData("IsNumeric", "1.5", true, true)]
    [InlineData("IsNumeric", "\"1\"", false, true)]
    [InlineData("IsString", "\"s\"", true, true)]
    [InlineData("IsString", "1", false, true)]
    [InlineData("IsBoolean", "false", true, true)]
    [InlineData("IsBoolean", "0", false, true)]
    [InlineData("IsTimestamp", "\"2026-01-01T00:00:00Z\"", true, true)]
    [InlineData("IsTimestamp", "\"2026-01-01\"", false, true)]
    public async Task Type_tests_match_with_true_and_with_false(string op, string value, bool operand, bool expected) =>
        Assert.Equal(expected, await Matches($"\"Variable\":\"$.v\",\"{op}\":{(operand ? "true" : "false")}", $"{{\"v\":{value}}}"));

    [Fact]
    public async Task IsPresent_false_matches_a_missing_field() =>
        Assert.True(await Matches("\"Variable\":\"$.missing\",\"IsPresent\":false", "{}"));

    [Fact]
    public async Task IsPresent_true_matches_a_present_null_field() =>
        Assert.True(await Matches("\"Variable\":\"$.v\",\"IsPresent\":true", """{"v":null}"""));

    [Fact]
    public async Task And_requires_every_rule() =>
        Assert.False(await Matches("""
            "And":[{"Variable":"$.a","NumericEquals":1},{"Variable":"$.b","NumericEquals":1}]
            """, """{"a":1,"b":2}"""));

    [Fact]
    public async Task Or_requires_any_rule() =>
        Assert.True(await Matches("""
            "Or":[{"Variable":"$.a","NumericEquals":0},{"Variable":"$.b","NumericEquals":2}]
            """, """{"a":1,"b":2}"""));

    [Fact]
    public async Task Not_negates_its_rule() =>
        Assert.True(await Matches("""
            "Not":{"Variable":"$.a","StringEquals":"x"}
            """, """{"a":"y"}"""));

    [Fact]
    public async Task The_first_matching_rule_wins()
    {
        var output = await _h.Output("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
              {"Variable":"$.n","NumericGreaterThan":0,"Next":"One"},{"Variable":"$.n","NumericGreaterThan":1,"Next":"Two"}]},
              "One":{"Type":"Pass","Result":1,"End":true},"Two":{"Type":"Pass","Result":2,"End":true}}}
            """, """{"n":5}""");

        Harness.Json("1", output);
    }

    [Fact]
    public async Task Without_a_match_or_Default_the_state_fails_with_NoChoiceMatched()
    {
        var result = await _h.Failure("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"E"}]},"E":{"Type":"Succeed"}}}
            """, """{"n":2}""");

        Assert.Equal(ErrorNames.NoChoiceMatched, result.Error);
    }

    [Fact]
    public async Task A_comparison_on_a_missing_variable_fails_with_States_Runtime()
    {
        var result = await _h.Failure("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"E"}],"Default":"E"},"E":{"Type":"Succeed"}}}
            """);

        Assert.Equal(ErrorNames.Runtime, result.Error);
    }

    [Fact]
    public async Task Choice_passes_its_input_through_OutputPath() =>
        Harness.Json("1", await _h.Output("""
            {"StartAt":"C","States":{"C":{"Type":"Choice","OutputPath":"$.a","Choices":[{"Variable":"$.a","NumericEquals":1,"Next":"E"}]},"E":{"Type":"Succeed"}}}
            """, """{"a":1}"""));
}
