using StatesLanguage.Runtime;

namespace StatesLanguage.Tests;

/// <summary>Spec: "Wait State", "Fail State", "Succeed State".</summary>
public class StateTypeTests
{
    private readonly Harness _h = new();

    private async Task<DateTimeOffset> FinishTime(string definition, string input = "{}")
    {
        var execution = _h.Start(definition, input);
        var result = await Harness.Finish(execution);
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        return execution.StopDate!.Value;
    }

    [Fact]
    public async Task Wait_Seconds_advances_virtual_time_only() =>
        Assert.Equal(Harness.T0.AddHours(1), await FinishTime(Harness.Single("""{"Type":"Wait","Seconds":3600,"End":true}""")));

    [Fact]
    public async Task Wait_Timestamp_waits_until_that_time() =>
        Assert.Equal(Harness.T0.AddDays(2), await FinishTime(Harness.Single("""{"Type":"Wait","Timestamp":"2026-11-28T12:00:00Z","End":true}""")));

    [Fact]
    public async Task Wait_SecondsPath_reads_the_seconds_from_the_input() =>
        Assert.Equal(Harness.T0.AddSeconds(90), await FinishTime(Harness.Single("""{"Type":"Wait","SecondsPath":"$.s","End":true}"""), """{"s":90}"""));

    [Fact]
    public async Task Wait_TimestampPath_reads_the_time_from_the_input() =>
        Assert.Equal(Harness.T0.AddMinutes(5),
            await FinishTime(Harness.Single("""{"Type":"Wait","TimestampPath":"$.t","End":true}"""), """{"t":"2026-11-26T12:05:00Z"}"""));

    [Fact]
    public async Task Wait_for_a_past_timestamp_continues_at_once() =>
        Assert.Equal(Harness.T0, await FinishTime(Harness.Single("""{"Type":"Wait","Timestamp":"2020-01-01T00:00:00Z","End":true}""")));

    [Fact]
    public async Task Wait_SecondsPath_that_is_not_a_number_fails_with_States_Runtime()
    {
        var result = await _h.Failure(Harness.Single("""{"Type":"Wait","SecondsPath":"$.s","End":true}"""), """{"s":"soon"}""");

        Assert.Equal(ErrorNames.Runtime, result.Error);
    }

    [Fact]
    public async Task Fail_reports_its_Error_and_Cause()
    {
        var result = await _h.Failure(Harness.Single("""{"Type":"Fail","Error":"Boom","Cause":"it broke"}"""));

        Assert.Equal(("Boom", "it broke"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Fail_without_Error_or_Cause_fails_with_neither()
    {
        var result = await _h.Failure(Harness.Single("""{"Type":"Fail"}"""));

        Assert.Null(result.Error);
        Assert.Null(result.Cause);
    }

    [Fact]
    public async Task Fail_ErrorPath_and_CausePath_read_paths_and_intrinsics()
    {
        var result = await _h.Failure(Harness.Single("""{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('code {}', $.code)"}"""),
            """{"e":"Custom.Error","code":42}""");

        Assert.Equal(("Custom.Error", "code 42"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Succeed_applies_InputPath_and_OutputPath() =>
        Harness.Json("2", await _h.Output(Harness.Single("""{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}"""), """{"a":{"b":2}}"""));
}
