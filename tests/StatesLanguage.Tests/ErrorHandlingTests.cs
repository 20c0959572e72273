using System.Text.Json.Nodes;
using StatesLanguage.Runtime;

namespace StatesLanguage.Tests;

/// <summary>Spec: "Errors", "Retrying after error", "Fallback states"; developer guide: MaxDelaySeconds, JitterStrategy.</summary>
public class ErrorHandlingTests
{
    private const string Flaky = "arn:aws:lambda:us-east-1:123456789012:function:Flaky";
    private readonly Harness _h = new();
    private readonly List<DateTimeOffset> _calls = [];

    /// <summary>A function that fails with <paramref name="error"/> the first <paramref name="failures"/> times.</summary>
    private void FailTimes(int failures, string error = "Custom.Error")
    {
        _h.Handlers.RegisterFunction(Flaky, (call, _) =>
        {
            _calls.Add(call.Time.GetUtcNow());
            return _calls.Count <= failures
                ? throw new StatesErrorException(error, $"failure {_calls.Count}")
                : Task.FromResult<JsonNode?>(JsonValue.Create("ok"));
        });
    }

    private static string TaskWith(string retryAndCatch) =>
        """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:Flaky","End":true"""
        + retryAndCatch + (retryAndCatch.Contains("Catch", StringComparison.Ordinal) ? "" : ""","Catch":[{"ErrorEquals":["Never.Raised"],"Next":"Caught"}]""")
        + """},"Caught":{"Type":"Pass","End":true}}}""";

    private List<double> Gaps() => [.. _calls.Zip(_calls.Skip(1), (a, b) => (b - a).TotalSeconds)];

    [Fact]
    public async Task Retry_waits_IntervalSeconds_times_BackoffRate_between_attempts()
    {
        FailTimes(3);

        await _h.Output(TaskWith(""","Retry":[{"ErrorEquals":["Custom.Error"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3}]"""));

        Assert.Equal([2.0, 6.0, 18.0], Gaps());
    }

    [Fact]
    public async Task Retry_defaults_are_one_second_three_attempts_and_rate_two()
    {
        FailTimes(4);

        var result = await _h.Failure(TaskWith(""","Retry":[{"ErrorEquals":["States.ALL"]}]"""));

        Assert.Equal([1.0, 2.0, 4.0], Gaps());
        Assert.Equal("Custom.Error", result.Error);
    }

    [Fact]
    public async Task MaxAttempts_zero_never_retries()
    {
        FailTimes(1);

        await _h.Failure(TaskWith(""","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":0}]"""));

        Assert.Single(_calls);
    }

    [Fact]
    public async Task MaxDelaySeconds_caps_the_backoff()
    {
        FailTimes(4);

        await _h.Output(TaskWith(""","Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":5,"BackoffRate":10,"MaxAttempts":4,"MaxDelaySeconds":60}]"""));

        Assert.Equal([5.0, 50.0, 60.0, 60.0], Gaps());
    }

    [Fact]
    public async Task Full_jitter_waits_a_seeded_random_part_of_each_interval()
    {
        FailTimes(3);
        const string retry = ""","Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":10,"MaxAttempts":3,"JitterStrategy":"FULL"}]""";

        await _h.Output(TaskWith(retry));
        var first = Gaps();
        _calls.Clear();
        var again = new ErrorHandlingTests();
        again.FailTimes(3);
        await again._h.Output(TaskWith(retry));

        Assert.All(first.Zip([10.0, 20.0, 40.0]), p => Assert.InRange(p.First, 0, p.Second));
        Assert.NotEqual([10.0, 20.0, 40.0], first);
        Assert.Equal(first, again.Gaps());
    }

    [Fact]
    public async Task Only_the_first_matching_retrier_applies()
    {
        FailTimes(2);

        await _h.Failure(TaskWith(""","Retry":[{"ErrorEquals":["Custom.Error"],"MaxAttempts":1},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}]"""));

        Assert.Equal(2, _calls.Count);
    }

    [Fact]
    public async Task RetryCount_in_the_context_counts_retries()
    {
        _h.Handlers.RegisterFunction(Flaky, (call, _) => call.Input!["n"]!.GetValue<int>() < 2
            ? throw new StatesErrorException("Again")
            : Task.FromResult<JsonNode?>(call.Input));

        var output = await _h.Output(Harness.Single($$"""
            {"Type":"Task","Resource":"{{Flaky}}","Parameters":{"n.$":"$$.State.RetryCount"},"End":true,"Retry":[{"ErrorEquals":["Again"]}]}
            """));

        Harness.Json("""{"n":2}""", output);
    }

    [Fact]
    public async Task Catch_replaces_the_output_with_the_error_object_by_default()
    {
        FailTimes(1);

        var output = await _h.Output(TaskWith(""","Catch":[{"ErrorEquals":["Custom.Error"],"Next":"Caught"}]"""), """{"a":1}""");

        Harness.Json("""{"Error":"Custom.Error","Cause":"failure 1"}""", output);
    }

    [Fact]
    public async Task Catch_ResultPath_places_the_error_object_in_the_input()
    {
        FailTimes(1);

        var output = await _h.Output(TaskWith(""","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Caught"}]"""), """{"a":1}""");

        Harness.Json("""{"a":1,"error":{"Error":"Custom.Error","Cause":"failure 1"}}""", output);
    }

    [Fact]
    public async Task Catch_applies_after_retries_are_exhausted()
    {
        FailTimes(5);

        await _h.Output(TaskWith(""","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]"""));

        Assert.Equal(3, _calls.Count);
    }

    [Fact]
    public async Task States_TaskFailed_matches_task_errors_but_not_timeouts()
    {
        Assert.True(ErrorNames.Matches(ErrorNames.TaskFailed, "Custom.Error"));
        Assert.False(ErrorNames.Matches(ErrorNames.TaskFailed, ErrorNames.Timeout));
        FailTimes(1);

        await _h.Output(TaskWith(""","Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Caught"}]"""));
    }

    [Fact]
    public void States_ALL_matches_everything_but_Runtime_and_DataLimitExceeded()
    {
        Assert.True(ErrorNames.Matches(ErrorNames.All, ErrorNames.Timeout));
        Assert.False(ErrorNames.Matches(ErrorNames.All, ErrorNames.Runtime));
        Assert.False(ErrorNames.Matches(ErrorNames.All, ErrorNames.DataLimitExceeded));
        Assert.True(ErrorNames.Matches(ErrorNames.DataLimitExceeded, ErrorNames.DataLimitExceeded));
    }

    [Fact]
    public async Task States_Runtime_is_neither_retried_nor_caught()
    {
        FailTimes(0);

        var result = await _h.Failure(TaskWith("""
            ,"OutputPath":"$.missing","Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]
            """.Trim()));

        Assert.Equal(ErrorNames.Runtime, result.Error);
        Assert.Single(_calls);
    }

    [Fact]
    public async Task An_oversized_result_fails_with_DataLimitExceeded()
    {
        _h.Handlers.RegisterFunction(Flaky, (_, _) => Task.FromResult<JsonNode?>(new string('x', 300_000)));

        var result = await _h.Failure(TaskWith(""","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}]"""));

        Assert.Equal(ErrorNames.DataLimitExceeded, result.Error);
    }

    [Fact]
    public async Task An_unexpected_handler_exception_is_named_after_its_type()
    {
        _h.Handlers.Register("arn:aws:states:::custom:thing", (_, _) => throw new InvalidOperationException("bad state"));

        var result = await _h.Failure(Harness.Single("""{"Type":"Task","Resource":"arn:aws:states:::custom:thing","End":true}"""));

        Assert.Equal(("InvalidOperationException", "bad state"), (result.Error, result.Cause));
    }

    [Fact]
    public async Task Catch_can_route_Parallel_failures()
    {
        var output = await _h.Output("""
            {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Catch":[{"ErrorEquals":["Branch.Error"],"Next":"C"}],
              "Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Branch.Error","Cause":"x"}}}]},
              "C":{"Type":"Pass","End":true}}}
            """);

        Harness.Json("""{"Error":"Branch.Error","Cause":"x"}""", output);
    }
}
