namespace StatesLanguage.Tests;

/// <summary>Spec / developer guide: "Intrinsic functions" — one test per function and the escaping rules.</summary>
public class IntrinsicFunctionTests
{
    private readonly Harness _h = new();

    private Task<System.Text.Json.Nodes.JsonNode?> Eval(string expression, string input = "{}")
    {
        var escaped = System.Text.Json.JsonSerializer.Serialize(expression);
        return _h.Output(Harness.Single($$"""{"Type":"Pass","Parameters":{"r.$":{{escaped}}},"OutputPath":"$.r","End":true}"""), input);
    }

    private async Task<string?> Fails(string expression, string input = "{}")
    {
        var escaped = System.Text.Json.JsonSerializer.Serialize(expression);
        var result = await _h.Failure(Harness.Single($$"""{"Type":"Pass","Parameters":{"r.$":{{escaped}}},"End":true}"""), input);
        Assert.Equal(ErrorNames.IntrinsicFailure, result.Error);
        return result.Cause;
    }

    [Fact]
    public async Task Format_fills_placeholders_in_order() =>
        Harness.Json("\"Hello, Ann! You are 3.\"", await Eval("States.Format('Hello, {}! You are {}.', $.name, $.age)", """{"name":"Ann","age":3}"""));

    [Fact]
    public async Task Format_keeps_escaped_braces_quotes_and_backslashes_literal() =>
        Harness.Json("""
            "{} it's C:\\dir"
            """.Trim(), await Eval("States.Format('\\{\\} it\\'s C:\\\\dir')"));

    [Fact]
    public async Task Format_keeps_backslashes_in_argument_values() =>
        Harness.Json("""
            "path=C:\\temp\\n"
            """.Trim(), await Eval("States.Format('path={}', $.p)", """{"p":"C:\\temp\\n"}"""));

    [Fact]
    public async Task Format_with_too_few_arguments_fails_with_IntrinsicFailure() =>
        Assert.Contains("placeholders", await Fails("States.Format('{} {}', 1)"), StringComparison.Ordinal);

    [Fact]
    public async Task StringToJson_parses_json_text() =>
        Harness.Json("""{"a":[1]}""", await Eval("States.StringToJson($.s)", """{"s":"{\"a\":[1]}"}"""));

    [Fact]
    public async Task JsonToString_writes_compact_json() =>
        Harness.Json("\"{\\\"a\\\":[1,2]}\"", await Eval("States.JsonToString($.o)", """{"o":{"a":[1,2]}}"""));

    [Fact]
    public async Task Array_collects_its_arguments() =>
        Harness.Json("""[1,"two",{"x":3},null]""", await Eval("States.Array(1, 'two', $.o, null)", """{"o":{"x":3}}"""));

    [Fact]
    public async Task ArrayPartition_chunks_an_array() =>
        Harness.Json("[[1,2],[3,4],[5]]", await Eval("States.ArrayPartition($.a, 2)", """{"a":[1,2,3,4,5]}"""));

    [Fact]
    public async Task ArrayContains_finds_equal_values() =>
        Harness.Json("true", await Eval("States.ArrayContains($.a, $.v)", """{"a":[1,{"k":2}],"v":{"k":2}}"""));

    [Fact]
    public async Task ArrayRange_includes_the_end() =>
        Harness.Json("[1,3,5,7,9]", await Eval("States.ArrayRange(1, 9, 2)"));

    [Fact]
    public async Task ArrayRange_of_more_than_1000_items_fails() =>
        Assert.Contains("1000", await Fails("States.ArrayRange(1, 2000, 1)"), StringComparison.Ordinal);

    [Fact]
    public async Task ArrayGetItem_returns_the_item_at_an_index() =>
        Harness.Json("\"c\"", await Eval("States.ArrayGetItem($.a, 2)", """{"a":["a","b","c"]}"""));

    [Fact]
    public async Task ArrayLength_counts_items() =>
        Harness.Json("3", await Eval("States.ArrayLength($.a)", """{"a":[1,2,3]}"""));

    [Fact]
    public async Task ArrayUnique_removes_duplicates_keeping_the_first() =>
        Harness.Json("[1,2,3]", await Eval("States.ArrayUnique($.a)", """{"a":[1,2,2,3,1]}"""));

    [Fact]
    public async Task Base64Encode_encodes_utf8() =>
        Harness.Json("\"RGF0YSB0byBlbmNvZGU=\"", await Eval("States.Base64Encode('Data to encode')"));

    [Fact]
    public async Task Base64Decode_decodes_to_text() =>
        Harness.Json("\"Data to encode\"", await Eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"));

    [Fact]
    public async Task Hash_returns_lowercase_hex() =>
        Harness.Json("\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"", await Eval("States.Hash('test', 'SHA-256')"));

    [Fact]
    public async Task Hash_with_an_unknown_algorithm_fails() =>
        Assert.Contains("SHA-256", await Fails("States.Hash('x', 'SHA-3')"), StringComparison.Ordinal);

    [Fact]
    public async Task JsonMerge_merges_shallowly_with_the_right_side_winning() =>
        Harness.Json("""{"a":1,"b":{"y":2},"c":3}""", await Eval("States.JsonMerge($.l, $.r, false)", """{"l":{"a":1,"b":{"x":1}},"r":{"b":{"y":2},"c":3}}"""));

    [Fact]
    public async Task JsonMerge_does_not_change_its_arguments()
    {
        var output = await _h.Output(Harness.Single("""{"Type":"Pass","Parameters":{"m.$":"States.JsonMerge($.l, $.r, false)","l.$":"$.l"},"End":true}"""),
            """{"l":{"a":1},"r":{"b":2}}""");

        Harness.Json("""{"m":{"a":1,"b":2},"l":{"a":1}}""", output);
    }

    [Fact]
    public async Task MathRandom_with_a_seed_is_repeatable_and_in_range()
    {
        var first = (await Eval("States.MathRandom(1, 100, 7)"))!.GetValue<long>();
        var second = (await new Harness().Output(Harness.Single("""{"Type":"Pass","Parameters":{"r.$":"States.MathRandom(1, 100, 7)"},"OutputPath":"$.r","End":true}""")))!.GetValue<long>();

        Assert.Equal(first, second);
        Assert.InRange(first, 1, 99);
    }

    [Fact]
    public async Task MathAdd_adds_integers() =>
        Harness.Json("111", await Eval("States.MathAdd($.v, -1)", """{"v":112}"""));

    [Fact]
    public async Task StringSplit_splits_on_any_delimiter_character() =>
        Harness.Json("""["This","is","a","test","string"]""", await Eval("States.StringSplit('This.is+a,test=string', '.+,=')"));

    [Fact]
    public async Task UUID_returns_a_version_4_uuid()
    {
        var uuid = (await Eval("States.UUID()"))!.GetValue<string>();

        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", uuid);
    }

    [Fact]
    public async Task Functions_nest() =>
        Harness.Json("3", await Eval("States.ArrayLength(States.Array(1, 2, States.MathAdd(1, 2)))"));

    [Fact]
    public async Task Wrong_argument_types_fail_with_IntrinsicFailure() =>
        Assert.Contains("array", await Fails("States.ArrayLength($.s)", """{"s":"no"}"""), StringComparison.Ordinal);

    [Fact]
    public async Task Intrinsics_read_the_context_object() =>
        Harness.Json("\"S\"", await Eval("States.Format('{}', $$.State.Name)"));

    [Fact]
    public async Task Results_of_intrinsics_compare_as_numbers_in_later_states() =>
        Harness.Json("true", await _h.Output("""
            {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd(2, 3)"},"Next":"C"},
              "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":4.5,"Next":"Y"}],"Default":"N"},
              "Y":{"Type":"Pass","Result":true,"End":true},"N":{"Type":"Pass","Result":false,"End":true}}}
            """));
}
