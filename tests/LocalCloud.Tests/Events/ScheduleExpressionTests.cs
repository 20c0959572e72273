using System.Globalization;
using LocalCloud.Core;
using LocalCloud.Events;

namespace LocalCloud.Tests.Events;

/// <summary>
/// Rate and cron expressions as "Creating an Amazon EventBridge rule that runs on a schedule" documents them
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).
/// </summary>
public sealed class ScheduleExpressionTests
{
    private static DateTimeOffset At(string time) => DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Theory]
    [InlineData("rate(1 minute)", "2026-11-26T08:00:00Z", "2026-11-26T08:01:00Z")]
    [InlineData("rate(5 minutes)", "2026-11-26T08:00:00Z", "2026-11-26T08:05:00Z")]
    [InlineData("rate(1 hour)", "2026-11-26T08:00:00Z", "2026-11-26T09:00:00Z")]
    [InlineData("rate(7 days)", "2026-11-26T08:00:00Z", "2026-12-03T08:00:00Z")]
    [InlineData("cron(0 10 * * ? *)", "2026-11-26T08:00:00Z", "2026-11-26T10:00:00Z")]
    [InlineData("cron(0 10 * * ? *)", "2026-11-26T10:00:00Z", "2026-11-27T10:00:00Z")]
    [InlineData("cron(15 12 * * ? *)", "2026-11-26T12:20:00Z", "2026-11-27T12:15:00Z")]
    [InlineData("cron(0 18 ? * MON-FRI *)", "2026-11-27T19:00:00Z", "2026-11-30T18:00:00Z")]
    [InlineData("cron(0 8 1 * ? *)", "2026-11-26T08:00:00Z", "2026-12-01T08:00:00Z")]
    [InlineData("cron(0/15 * * * ? *)", "2026-11-26T08:01:00Z", "2026-11-26T08:15:00Z")]
    [InlineData("cron(0/10 * ? * MON-FRI *)", "2026-11-28T08:00:00Z", "2026-11-30T00:00:00Z")]
    [InlineData("cron(5,35 14 * * ? *)", "2026-11-26T14:06:00Z", "2026-11-26T14:35:00Z")]
    [InlineData("cron(0 0 L * ? *)", "2026-11-26T08:00:00Z", "2026-11-30T00:00:00Z")]
    [InlineData("cron(0 9 ? * 6L *)", "2026-11-01T00:00:00Z", "2026-11-27T09:00:00Z")]
    [InlineData("cron(0 9 ? * 2#1 *)", "2026-11-26T00:00:00Z", "2026-12-07T09:00:00Z")]
    [InlineData("cron(0 9 1 JAN ? 2027)", "2026-11-26T00:00:00Z", "2027-01-01T09:00:00Z")]
    public void The_next_occurrence_follows_the_expression(string expression, string after, string expected) =>
        Assert.Equal(At(expected), ScheduleExpression.Parse(expression).NextAfter(At(after)));

    [Theory]
    [InlineData("rate(0 minutes)")]
    [InlineData("rate(1 minutes)")]
    [InlineData("rate(5 minute)")]
    [InlineData("rate(5 weeks)")]
    [InlineData("cron(0 10 * * *)")]
    [InlineData("cron(0 10 * * * *)")]
    [InlineData("cron(0 10 ? * ? *)")]
    [InlineData("cron(61 10 * * ? *)")]
    [InlineData("cron(0 10 15W * ? *)")]
    [InlineData("every 5 minutes")]
    public void Invalid_expressions_are_a_ValidationException(string expression)
    {
        var error = Assert.Throws<AwsServiceException>(() => ScheduleExpression.Parse(expression));

        Assert.Equal(("ValidationException", "Parameter ScheduleExpression is not valid."), (error.Code, error.Message));
    }
}
