using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace LocalCloud.Events;

/// <summary>An event bus of one account and region: its rules, its resource policy and what happened on it.</summary>
public sealed class EventBus
{
    /// <summary>The name of the bus every account and region has.</summary>
    public const string DefaultName = "default";

    private readonly ConcurrentQueue<JsonObject> _received = new();
    private readonly ConcurrentQueue<EventDelivery> _deliveries = new();
    private readonly ConcurrentQueue<(string EventId, string RuleName)> _matches = new();

    internal EventBus(string accountId, string region, string name, string? description)
    {
        AccountId = accountId;
        Region = region;
        Name = name;
        Description = description;
    }

    /// <summary>The owner account.</summary>
    public string AccountId { get; }

    /// <summary>The region.</summary>
    public string Region { get; }

    /// <summary>The bus name (<c>default</c> or a custom name).</summary>
    public string Name { get; }

    /// <summary>The description given at creation.</summary>
    public string? Description { get; }

    /// <summary><c>arn:aws:events:REGION:ACCOUNT:event-bus/NAME</c>.</summary>
    public string Arn => $"arn:aws:events:{Region}:{AccountId}:event-bus/{Name}";

    /// <summary>The resource-based policy deciding which other accounts may put events here.</summary>
    public EventBusPolicy Policy { get; } = new();

    internal Dictionary<string, EventRule> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>Every event that landed on the bus, in arrival order (for tests).</summary>
    public IReadOnlyList<JsonObject> ReceivedEvents => [.. _received];

    /// <summary>Every rule match and target invocation on this bus, in order (for tests).</summary>
    public IReadOnlyList<EventDelivery> Deliveries => [.. _deliveries];

    /// <summary>Which rule matched which event (rules without targets included), in order (for tests).</summary>
    public IReadOnlyList<(string EventId, string RuleName)> RuleMatches => [.. _matches];

    internal void RecordReceived(JsonObject eventJson) => _received.Enqueue(eventJson);

    internal void RecordMatch(string eventId, string ruleName) => _matches.Enqueue((eventId, ruleName));

    internal void RecordDelivery(EventDelivery delivery) => _deliveries.Enqueue(delivery);
}

/// <summary>One target invocation: which rule matched which event and what the target received.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="RuleName">The rule that matched.</param>
/// <param name="TargetId">The target's id.</param>
/// <param name="TargetArn">The target's ARN.</param>
/// <param name="Input">The text the target received (after Input / InputPath / InputTransformer).</param>
/// <param name="Error">Why the invocation failed, or null when it succeeded.</param>
public sealed record EventDelivery(string EventId, string RuleName, string TargetId, string TargetArn, string Input, string? Error)
{
    /// <summary>True when the target accepted the event.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>Whether a rule reacts to events.</summary>
public enum EventRuleState
{
    /// <summary>The rule matches events and runs its schedule.</summary>
    Enabled,

    /// <summary>The rule is kept but does nothing.</summary>
    Disabled,
}

/// <summary>A rule on a bus: an event pattern or a schedule, a state, and targets.</summary>
public sealed class EventRule
{
    internal EventRule(EventBus bus, string name)
    {
        Bus = bus;
        Name = name;
    }

    /// <summary>The bus the rule belongs to.</summary>
    public EventBus Bus { get; }

    /// <summary>The rule name.</summary>
    public string Name { get; }

    /// <summary><c>arn:aws:events:R:A:rule/NAME</c> on the default bus, <c>rule/BUS/NAME</c> on a custom bus.</summary>
    public string Arn => Bus.Name == EventBus.DefaultName
        ? $"arn:aws:events:{Bus.Region}:{Bus.AccountId}:rule/{Name}"
        : $"arn:aws:events:{Bus.Region}:{Bus.AccountId}:rule/{Bus.Name}/{Name}";

    /// <summary>The event pattern, when the rule matches events.</summary>
    public EventPattern? Pattern { get; internal set; }

    /// <summary>The schedule, when the rule runs on a schedule.</summary>
    public ScheduleExpression? Schedule { get; internal set; }

    /// <summary>ENABLED or DISABLED.</summary>
    public EventRuleState State { get; internal set; } = EventRuleState.Enabled;

    /// <summary>The description.</summary>
    public string? Description { get; internal set; }

    /// <summary>The role of the rule (informational).</summary>
    public string? RoleArn { get; internal set; }

    /// <summary>The targets by id, in the order they were added.</summary>
    public IReadOnlyList<EventTarget> Targets { get; internal set; } = [];

    internal ITimer? Timer { get; set; }
}
