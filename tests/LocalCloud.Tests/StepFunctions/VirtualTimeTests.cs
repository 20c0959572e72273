namespace LocalCloud.Tests.StepFunctions;

/// <summary>The cloud driver: time moves only while executions need it, and stops the moment they end.</summary>
public sealed class VirtualTimeTests
{
    [Fact]
    public async Task Time_stops_when_the_last_execution_ends_before_a_later_schedule()
    {
        var cloud = new StepFunctionsTestCloud();
        var target = cloud.Machine("swept", """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""");
        cloud.Assembly.Events.PutRule(StepFunctionsTestCloud.Account, StepFunctionsTestCloud.Region, "sweep", null, "rate(15 minutes)");
        cloud.Assembly.Events.PutTargets(StepFunctionsTestCloud.Account, StepFunctionsTestCloud.Region, "sweep",
            [new LocalCloud.Events.EventTarget("t", target.Arn)]);
        var waiter = cloud.Machine("waiter", """{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1200,"End":true}}}""");
        var start = cloud.Assembly.Clock.GetUtcNow();

        cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, waiter.Name, "{}");
        var idle = await cloud.Assembly.RunUntilIdleAsync();

        Assert.True(idle);
        Assert.Equal(start.AddMinutes(20), cloud.Assembly.Clock.GetUtcNow());
        Assert.Single(cloud.Service.Executions, e => e.StateMachine == target);
    }

    [Fact]
    public async Task An_execution_parked_on_a_token_stops_at_the_horizon()
    {
        var cloud = new StepFunctionsTestCloud();
        var parked = cloud.Machine("parked", StepFunctionsTestCloud.Single("""
            {"Type":"Task","Resource":"arn:aws:states:::events:putEvents.waitForTaskToken","Parameters":{"Entries":[{"Source":"s","DetailType":"d","Detail":{}}]},"End":true}
            """));
        var start = cloud.Assembly.Clock.GetUtcNow();

        var execution = cloud.Assembly.StartExecution(StepFunctionsTestCloud.Account, parked.Name, "{}");
        var idle = await cloud.Assembly.RunUntilIdleAsync(TimeSpan.FromHours(2));

        Assert.False(idle);
        Assert.True(execution.IsRunning);
        Assert.Equal(start.AddHours(2), cloud.Assembly.Clock.GetUtcNow());
    }
}
