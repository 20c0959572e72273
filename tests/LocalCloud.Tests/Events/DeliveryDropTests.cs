using LocalCloud.Core;
using LocalCloud.Events;
using LocalCloud.Lambda;
using LocalCloud.Tests.Lambda;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Events;

/// <summary>
/// The lost-event test hook. EventBridge delivers "at least once" only while the rule is enabled and the target accepts the
/// event within the rule's retry policy (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html);
/// the hook stands for the other cases, where the event never arrives.
/// </summary>
public sealed class DeliveryDropTests
{
    private const string Account = "222222222222";
    private const string Region = "us-east-1";
    private const string Pattern = """{"source": ["vpc-peering"]}""";

    private readonly EventBridgeService _events;
    private readonly LambdaService _lambda;

    public DeliveryDropTests()
    {
        var cloud = new EmulatedCloud(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero)));
        (_events, _lambda) = cloud.AddEventBridgeAndLambda();
        var function = _lambda.Register(new LambdaFunctionConfiguration(Account, Region, "target", Handlers.Of<EchoHandler>()));
        foreach (var rule in new[] { "stack-AcceptRequested-1A2B", "stack-Other-3C4D" })
        {
            _events.PutRule(Account, Region, rule, Pattern);
            _events.PutTargets(Account, Region, rule, [new EventTarget("fn", function.FunctionArn)]);
        }
    }

    private Task<IReadOnlyList<PutEventsResultEntry>> PutAsync(int n) =>
        _events.PutEventsAsync(AwsPrincipal.Root(Account), Region, [new PutEventsEntry("vpc-peering", "Test", $$"""{"n": {{n}}}""")]);

    private IReadOnlyList<EventDelivery> Deliveries => _events.GetEventBus(Account, Region, null).Deliveries;

    [Fact]
    public async Task The_first_n_matches_of_the_named_rules_are_lost_and_later_ones_delivered()
    {
        using var drop = _events.DropDeliveries(Account, Region, "*AcceptRequested*", 2);

        var first = await PutAsync(1);
        var second = await PutAsync(2);
        var third = await PutAsync(3);

        Assert.Equal([first[0].EventId!, second[0].EventId!], drop.DroppedEventIds);
        Assert.Equal(0, drop.Remaining);
        var mine = Deliveries.Where(d => d.RuleName == "stack-AcceptRequested-1A2B").ToList();
        Assert.Equal([false, false, true], mine.Select(d => d.Succeeded));
        Assert.Equal(DeliveryDrop.DroppedError, mine[0].Error);
        Assert.Equal(third[0].EventId, mine[2].EventId);
        Assert.All(Deliveries.Where(d => d.RuleName == "stack-Other-3C4D"), d => Assert.True(d.Succeeded));
        Assert.Equal(4, _lambda.Invocations.Count);
    }

    [Fact]
    public async Task Another_account_or_a_disposed_hook_drops_nothing()
    {
        var elsewhere = _events.DropDeliveries("111111111111", Region, "*", 5);
        var disposed = _events.DropDeliveries(Account, Region, "*", 5);
        disposed.Dispose();

        await PutAsync(1);

        Assert.All(Deliveries, d => Assert.True(d.Succeeded));
        Assert.Equal((5, 5), (elsewhere.Remaining, disposed.Remaining));
        elsewhere.Dispose();
    }
}
