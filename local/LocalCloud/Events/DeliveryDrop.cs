using LocalCloud.Iam;

namespace LocalCloud.Events;

/// <summary>
/// A test hook for lost events: the next <see cref="Remaining"/> events that matching rules match never reach their
/// targets. AWS delivers at least once only while a rule is enabled and its target takes the event within the rule's
/// retry policy; a rule disabled during a deploy or a target throttled past <c>MaximumEventAgeInSeconds</c> loses the
/// event. The loss is recorded as a failed <see cref="EventDelivery"/>. Dispose to remove the hook.
/// </summary>
public sealed class DeliveryDrop : IDisposable
{
    /// <summary>The error text of a dropped delivery.</summary>
    public const string DroppedError = "Dropped by the local cloud (DropDeliveries): the event was lost before reaching the target.";

    private readonly Lock _gate = new();
    private readonly EventBridgeService _owner;
    private readonly List<string> _dropped = [];

    internal DeliveryDrop(EventBridgeService owner, string accountId, string region, string ruleNamePattern, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _owner = owner;
        AccountId = accountId;
        Region = region;
        RuleNamePattern = ruleNamePattern;
        Remaining = count;
    }

    /// <summary>The account of the rules' buses.</summary>
    public string AccountId { get; }

    /// <summary>The region of the rules' buses.</summary>
    public string Region { get; }

    /// <summary>Rule-name pattern with <c>*</c> and <c>?</c> wildcards (generated rule names carry a stack prefix).</summary>
    public string RuleNamePattern { get; }

    /// <summary>How many more matched events will be dropped.</summary>
    public int Remaining { get; private set; }

    /// <summary>The ids of the events dropped so far, in order.</summary>
    public IReadOnlyList<string> DroppedEventIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _dropped];
            }
        }
    }

    /// <summary>Removes the hook; later events are delivered.</summary>
    public void Dispose() => _owner.RemoveDrop(this);

    /// <summary>True (and counts it) when this hook drops the rule's event.</summary>
    internal bool TryDrop(EventRule rule, string eventId)
    {
        if (rule.Bus.AccountId != AccountId || rule.Bus.Region != Region
            || !Wildcard.IsMatch(RuleNamePattern, rule.Name, ignoreCase: false))
        {
            return false;
        }

        lock (_gate)
        {
            if (Remaining == 0)
            {
                return false;
            }

            Remaining--;
            _dropped.Add(eventId);
            return true;
        }
    }
}
