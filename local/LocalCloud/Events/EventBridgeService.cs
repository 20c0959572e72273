using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Protocols;

namespace LocalCloud.Events;

/// <summary>An entry of PutEvents.</summary>
/// <param name="Source">The event source (must not start with <c>aws.</c> for callers).</param>
/// <param name="DetailType">The detail-type.</param>
/// <param name="Detail">The detail, JSON object text.</param>
/// <param name="Resources">Resource ARNs.</param>
/// <param name="EventBusName">A bus name or ARN; the default bus when null.</param>
/// <param name="Time">The event time; the cloud's time when null.</param>
public sealed record PutEventsEntry(
    string? Source,
    string? DetailType,
    string? Detail,
    IReadOnlyList<string>? Resources = null,
    string? EventBusName = null,
    DateTimeOffset? Time = null);

/// <summary>The result of one PutEvents entry: an event id, or an error code and message.</summary>
public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode = null, string? ErrorMessage = null);

/// <summary>
/// The EventBridge state model: buses per account and region (the <c>default</c> bus exists implicitly), bus policies,
/// rules and targets, delivery to target invokers, and schedules on the cloud's <see cref="TimeProvider"/>.
/// Delivery runs when an event lands: PutEvents returns after every matched target was invoked. Scheduled rules fire
/// from timers of the TimeProvider (with a FakeTimeProvider, <c>Advance</c> fires them); await
/// <see cref="WhenIdleAsync"/> to let deliveries started by timers or by <see cref="Publish"/> finish.
/// It is also the cloud's <see cref="ICloudEventSink"/>: AWS-emitted events go to the owner account's default bus.
/// </summary>
public sealed partial class EventBridgeService : ICloudEventSink, IStatefulService
{
    private const int MaxHops = 5;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Account, string Region, string Name), EventBus> _buses = [];
    private readonly ConcurrentDictionary<string, string> _organizations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private readonly List<IEventTargetInvoker> _invokers = [];
    private readonly List<DeliveryDrop> _drops = [];
    private long _eventCounter;
    private Task _published = Task.CompletedTask;

    /// <summary>Creates the service on the cloud's clock.</summary>
    public EventBridgeService(TimeProvider time)
    {
        Time = time;
        _invokers.Add(new EventBusTargetInvoker(this));
        _invokers.Add(new StateMachineTargetInvoker(this));
    }

    /// <summary>The clock for event times and schedules.</summary>
    public TimeProvider Time { get; }

    /// <summary>Starts executions for state machine targets; until set, such deliveries fail and are logged.</summary>
    public IStateMachineStarter? StateMachineStarter { get; set; }

    /// <summary>Adds an invoker for another kind of target; later invokers take precedence.</summary>
    public void AddTargetInvoker(IEventTargetInvoker invoker)
    {
        lock (_gate)
        {
            _invokers.Insert(0, invoker);
        }
    }

    /// <summary>
    /// Test hook: the next <paramref name="count"/> events matched by rules of that account and region whose names match
    /// <paramref name="ruleNamePattern"/> (<c>*</c>, <c>?</c>) are lost before reaching their targets. Dispose the handle to stop.
    /// </summary>
    public DeliveryDrop DropDeliveries(string accountId, string region, string ruleNamePattern, int count)
    {
        var drop = new DeliveryDrop(this, accountId, region, ruleNamePattern, count);
        lock (_gate)
        {
            _drops.Add(drop);
        }

        return drop;
    }

    internal void RemoveDrop(DeliveryDrop drop)
    {
        lock (_gate)
        {
            _drops.Remove(drop);
        }
    }

    /// <summary>Places an account in an organisation, for <c>aws:PrincipalOrgID</c> conditions of bus policies.</summary>
    public void SetOrganization(string accountId, string organizationId) => _organizations[accountId] = organizationId;

    /// <summary>Creates a custom bus.</summary>
    public EventBus CreateEventBus(string accountId, string region, string name, string? description = null)
    {
        if (name == EventBus.DefaultName || name.Length is 0 or > 256 || name.Contains('/', StringComparison.Ordinal))
        {
            throw new AwsServiceException("ValidationException", $"Event bus name {name} is not valid.");
        }

        lock (_gate)
        {
            if (_buses.ContainsKey((accountId, region, name)))
            {
                throw new AwsServiceException("ResourceAlreadyExistsException", $"Event bus {name} already exists.");
            }

            var bus = new EventBus(accountId, region, name, description);
            _buses[(accountId, region, name)] = bus;
            return bus;
        }
    }

    /// <summary>A bus by name or ARN, seen from <paramref name="accountId"/> in <paramref name="region"/>.</summary>
    public EventBus GetEventBus(string accountId, string region, string? nameOrArn) =>
        FindEventBus(accountId, region, nameOrArn)
        ?? throw new AwsServiceException("ResourceNotFoundException", $"Event bus {BusName(nameOrArn)} does not exist.");

    /// <summary>A bus by name or ARN, or null. The default bus always exists.</summary>
    public EventBus? FindEventBus(string accountId, string region, string? nameOrArn)
    {
        var (account, busRegion, name) = ResolveBus(accountId, region, nameOrArn);
        lock (_gate)
        {
            if (_buses.TryGetValue((account, busRegion, name), out var bus))
            {
                return bus;
            }

            if (name != EventBus.DefaultName)
            {
                return null;
            }

            bus = new EventBus(account, busRegion, name, null);
            _buses[(account, busRegion, name)] = bus;
            return bus;
        }
    }

    /// <summary>Deletes a custom bus and its rules.</summary>
    public void DeleteEventBus(string accountId, string region, string name)
    {
        if (name == EventBus.DefaultName)
        {
            throw new AwsServiceException("ValidationException", "Cannot delete event bus default.");
        }

        lock (_gate)
        {
            if (_buses.Remove((accountId, region, name), out var bus))
            {
                foreach (var rule in bus.Rules.Values)
                {
                    rule.Timer?.Dispose();
                }
            }
        }
    }

    /// <summary>The buses of an account and region (the default bus included), by name.</summary>
    public IReadOnlyList<EventBus> ListEventBuses(string accountId, string region, string? namePrefix = null)
    {
        FindEventBus(accountId, region, EventBus.DefaultName);
        lock (_gate)
        {
            return [.. _buses.Values
                .Where(b => b.AccountId == accountId && b.Region == region && b.Name.StartsWith(namePrefix ?? string.Empty, StringComparison.Ordinal))
                .OrderBy(b => b.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Creates or updates a rule. A rule needs a pattern, a schedule, or both; schedules only on the default bus.</summary>
    public EventRule PutRule(
        string accountId,
        string region,
        string name,
        string? eventPattern,
        string? scheduleExpression = null,
        EventRuleState state = EventRuleState.Enabled,
        string? eventBusName = null,
        string? description = null,
        string? roleArn = null)
    {
        ValidateName(name, "name");
        if (eventPattern is null && scheduleExpression is null)
        {
            throw new AwsServiceException("ValidationException", "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }

        var pattern = eventPattern is null ? null : EventPattern.Parse(eventPattern);
        var schedule = scheduleExpression is null ? null : ScheduleExpression.Parse(scheduleExpression);
        var bus = GetEventBus(accountId, region, eventBusName);
        if (schedule is not null && bus.Name != EventBus.DefaultName)
        {
            throw new AwsServiceException("ValidationException", "ScheduleExpression is supported only on the default event bus.");
        }

        lock (_gate)
        {
            if (!bus.Rules.TryGetValue(name, out var rule))
            {
                rule = new EventRule(bus, name);
                bus.Rules[name] = rule;
            }

            rule.Pattern = pattern;
            rule.Schedule = schedule;
            rule.State = state;
            rule.Description = description;
            rule.RoleArn = roleArn;
            Reschedule(rule);
            return rule;
        }
    }

    /// <summary>A rule, or <c>ResourceNotFoundException</c>.</summary>
    public EventRule GetRule(string accountId, string region, string name, string? eventBusName = null)
    {
        var bus = GetEventBus(accountId, region, eventBusName);
        lock (_gate)
        {
            return bus.Rules.GetValueOrDefault(name)
                ?? throw new AwsServiceException("ResourceNotFoundException", $"Rule {name} does not exist on EventBus {bus.Name}.");
        }
    }

    /// <summary>The rules of a bus, by name.</summary>
    public IReadOnlyList<EventRule> ListRules(string accountId, string region, string? eventBusName = null, string? namePrefix = null)
    {
        var bus = GetEventBus(accountId, region, eventBusName);
        lock (_gate)
        {
            return [.. bus.Rules.Values.Where(r => r.Name.StartsWith(namePrefix ?? string.Empty, StringComparison.Ordinal))
                .OrderBy(r => r.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Enables or disables a rule.</summary>
    public void SetRuleState(string accountId, string region, string name, EventRuleState state, string? eventBusName = null)
    {
        var rule = GetRule(accountId, region, name, eventBusName);
        lock (_gate)
        {
            rule.State = state;
            Reschedule(rule);
        }
    }

    /// <summary>Deletes a rule; as in AWS, a rule with targets cannot be deleted.</summary>
    public void DeleteRule(string accountId, string region, string name, string? eventBusName = null)
    {
        var bus = GetEventBus(accountId, region, eventBusName);
        lock (_gate)
        {
            if (!bus.Rules.TryGetValue(name, out var rule))
            {
                return;
            }

            if (rule.Targets.Count > 0)
            {
                throw new AwsServiceException("ValidationException", "Rule can't be deleted since it has targets.");
            }

            rule.Timer?.Dispose();
            bus.Rules.Remove(name);
        }
    }

    /// <summary>Adds or replaces targets (by id) of a rule.</summary>
    public void PutTargets(string accountId, string region, string ruleName, IReadOnlyList<EventTarget> targets, string? eventBusName = null)
    {
        foreach (var target in targets)
        {
            ValidateName(target.Id, "targets.member.id");
            target.Validate();
        }

        var rule = GetRule(accountId, region, ruleName, eventBusName);
        lock (_gate)
        {
            var merged = rule.Targets.ToList();
            foreach (var target in targets)
            {
                var index = merged.FindIndex(t => t.Id == target.Id);
                if (index >= 0)
                {
                    merged[index] = target;
                }
                else
                {
                    merged.Add(target);
                }
            }

            if (merged.Count > 5)
            {
                throw new AwsServiceException("LimitExceededException", "The requested resource exceeds the maximum number allowed.");
            }

            rule.Targets = merged;
        }
    }

    /// <summary>Removes targets by id (unknown ids are ignored).</summary>
    public void RemoveTargets(string accountId, string region, string ruleName, IReadOnlyCollection<string> ids, string? eventBusName = null)
    {
        var rule = GetRule(accountId, region, ruleName, eventBusName);
        lock (_gate)
        {
            rule.Targets = [.. rule.Targets.Where(t => !ids.Contains(t.Id))];
        }
    }

    /// <summary>
    /// PutEvents for a caller in a region. Each entry goes to its bus (name or ARN); another account's bus accepts it only
    /// where its policy allows the caller's account, otherwise the entry fails with <c>AccessDeniedException</c>.
    /// Returns after every matched target of every accepted entry was invoked.
    /// </summary>
    public async Task<IReadOnlyList<PutEventsResultEntry>> PutEventsAsync(
        AwsPrincipal caller, string region, IReadOnlyList<PutEventsEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count is 0 or > 10)
        {
            throw new AwsServiceException("ValidationException",
                "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10");
        }

        var results = new List<PutEventsResultEntry>();
        var accepted = new List<(EventBus Bus, JsonObject Event)>();
        foreach (var entry in entries)
        {
            var error = Validate(entry);
            if (error is not null)
            {
                results.Add(error);
                continue;
            }

            var bus = FindEventBus(caller.AccountId, region, entry.EventBusName);
            if (bus is null)
            {
                results.Add(new PutEventsResultEntry(null, "ResourceNotFoundException", $"Event bus {BusName(entry.EventBusName)} does not exist."));
                continue;
            }

            if (!MayPut(caller, bus))
            {
                results.Add(new PutEventsResultEntry(null, "AccessDeniedException", NotAuthorized(caller.Arn, bus)));
                continue;
            }

            var eventJson = NewEvent(caller.AccountId, region, entry.Source!, entry.DetailType!,
                JsonNode.Parse(entry.Detail!)!.AsObject(), entry.Resources ?? [], entry.Time ?? Time.GetUtcNow());
            accepted.Add((bus, eventJson));
            results.Add(new PutEventsResultEntry(eventJson["id"]!.GetValue<string>()));
        }

        foreach (var (bus, eventJson) in accepted)
        {
            await DeliverAsync(bus, eventJson, hops: 0, cancellationToken);
        }

        return results;
    }

    /// <summary>Puts an AWS-emitted event on the default bus of its account and region.</summary>
    public void Publish(CloudEvent cloudEvent)
    {
        var bus = GetEventBus(cloudEvent.AccountId, cloudEvent.Region, EventBus.DefaultName);
        var eventJson = NewEvent(cloudEvent.AccountId, cloudEvent.Region, cloudEvent.Source, cloudEvent.DetailType,
            (JsonObject)cloudEvent.Detail.DeepClone(), cloudEvent.Resources, cloudEvent.Time);
        // Delivered after the emitting call returns (the emitter may hold its own locks), in publication order.
        lock (_gate)
        {
            _published = _published.ContinueWith(_ => DeliverAsync(bus, eventJson, hops: 0, CancellationToken.None),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            Track(_published);
        }
    }

    /// <summary>Waits until deliveries started by schedules and <see cref="Publish"/> (and any they cause) have finished.</summary>
    public async Task WhenIdleAsync()
    {
        while (!_pending.IsEmpty)
        {
            await Task.WhenAll(_pending.Keys);
        }
    }

    /// <summary>Tests a pattern against an event, as TestEventPattern does.</summary>
    public static bool TestEventPattern(string eventPattern, string eventJson)
    {
        var pattern = EventPattern.Parse(eventPattern);
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(eventJson);
        }
        catch (JsonException)
        {
            throw new AwsServiceException("InvalidEventPatternException", "Event is not valid JSON.");
        }

        return pattern.Matches(parsed);
    }

    internal async Task ForwardAsync(EventTargetInvocation invocation, CancellationToken cancellationToken)
    {
        var sourceBus = invocation.Rule.Bus;
        var target = FindEventBus(sourceBus.AccountId, sourceBus.Region, invocation.Target.Arn)
            ?? throw new InvalidOperationException($"Event bus {invocation.Target.Arn} does not exist.");
        // The target's role (when set) is the sender the receiving bus's policy sees; otherwise the rule's account.
        var sender = invocation.Target.RoleArn is { } role && role.Split(':') is [_, _, "iam", _, var account, ..]
            ? new AwsPrincipal(account, role, role, string.Empty)
            : AwsPrincipal.Root(sourceBus.AccountId);
        if (!MayPut(sender, target))
        {
            throw new InvalidOperationException(NotAuthorized(sender.Arn, target));
        }

        if (invocation.Hops >= MaxHops)
        {
            throw new InvalidOperationException($"The event was forwarded between buses more than {MaxHops} times.");
        }

        await DeliverAsync(target, (JsonObject)invocation.Event.DeepClone(), invocation.Hops + 1, cancellationToken);
    }

    private async Task DeliverAsync(EventBus bus, JsonObject eventJson, int hops, CancellationToken cancellationToken)
    {
        bus.RecordReceived(eventJson);
        List<EventRule> matched;
        lock (_gate)
        {
            matched = [.. bus.Rules.Values.Where(r => r.State == EventRuleState.Enabled && r.Pattern is not null && r.Pattern.Matches(eventJson))];
        }

        foreach (var rule in matched)
        {
            bus.RecordMatch(eventJson["id"]!.GetValue<string>(), rule.Name);
            await InvokeTargetsAsync(rule, eventJson, hops, cancellationToken);
        }
    }

    private async Task InvokeTargetsAsync(EventRule rule, JsonObject eventJson, int hops, CancellationToken cancellationToken)
    {
        var eventId = eventJson["id"]!.GetValue<string>();
        if (Dropped(rule, eventId))
        {
            foreach (var target in rule.Targets)
            {
                rule.Bus.RecordDelivery(
                    new EventDelivery(eventId, rule.Name, target.Id, target.Arn, string.Empty, DeliveryDrop.DroppedError));
            }

            return;
        }

        foreach (var target in rule.Targets)
        {
            var input = target.RenderInput(eventJson, rule, Time.GetUtcNow());
            string? error = null;
            try
            {
                IEventTargetInvoker? invoker;
                lock (_gate)
                {
                    invoker = _invokers.FirstOrDefault(i => i.CanInvoke(target.Arn));
                }

                if (invoker is null)
                {
                    throw new InvalidOperationException($"The local cloud cannot deliver to targets like {target.Arn}.");
                }

                await invoker.InvokeAsync(new EventTargetInvocation(rule, target, input, eventJson, hops), cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                error = failure is AwsServiceException aws ? $"{aws.Code}: {aws.Message}" : failure.Message;
            }

            rule.Bus.RecordDelivery(new EventDelivery(eventId, rule.Name, target.Id, target.Arn, input, error));
        }
    }

    private bool Dropped(EventRule rule, string eventId)
    {
        lock (_gate)
        {
            return _drops.FirstOrDefault(drop => drop.TryDrop(rule, eventId)) is not null;
        }
    }

    private void Reschedule(EventRule rule)
    {
        rule.Timer?.Dispose();
        rule.Timer = null;
        if (rule.Schedule is null || rule.State != EventRuleState.Enabled)
        {
            return;
        }

        ScheduleNext(rule, Time.GetUtcNow());
    }

    private void ScheduleNext(EventRule rule, DateTimeOffset after)
    {
        if (rule.Schedule?.NextAfter(after) is not { } next)
        {
            return;
        }

        var due = next - Time.GetUtcNow();
        rule.Timer = Time.CreateTimer(_ => Fire(rule, next), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Fires every occurrence up to now (a fake clock may jump over several), then arms the timer for the next one.</summary>
    private void Fire(EventRule rule, DateTimeOffset occurrence)
    {
        var due = new List<JsonObject>();
        lock (_gate)
        {
            if (rule.State != EventRuleState.Enabled || rule.Schedule is null || !rule.Bus.Rules.ContainsValue(rule))
            {
                return;
            }

            rule.Timer?.Dispose();
            var now = Time.GetUtcNow();
            var fired = occurrence;
            for (DateTimeOffset? at = occurrence; at is { } time && time <= now; at = rule.Schedule.NextAfter(time))
            {
                fired = time;
                due.Add(NewEvent(rule.Bus.AccountId, rule.Bus.Region, "aws.events", "Scheduled Event", [], [rule.Arn], time));
            }

            ScheduleNext(rule, fired);
        }

        foreach (var eventJson in due)
        {
            rule.Bus.RecordReceived(eventJson);
            Track(InvokeTargetsAsync(rule, eventJson, 0, CancellationToken.None));
        }
    }

    private void Track(Task delivery)
    {
        if (delivery.IsCompleted)
        {
            return;
        }

        _pending[delivery] = 0;
        delivery.ContinueWith(t => _pending.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private bool MayPut(AwsPrincipal sender, EventBus bus) =>
        sender.AccountId == bus.AccountId || bus.Policy.Allows(sender, _organizations.GetValueOrDefault(sender.AccountId), bus.Arn);

    /// <summary>Rule names and target ids: 1–64 characters of <c>[.\-_A-Za-z0-9]</c>.</summary>
    private static void ValidateName(string value, string member)
    {
        if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new AwsServiceException("ValidationException",
                $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        }
    }

    private static string NotAuthorized(string callerArn, EventBus bus) =>
        $"User: {callerArn} is not authorized to perform: events:PutEvents on resource: {bus.Arn} "
        + "because no resource-based policy allows the events:PutEvents action";

    private static PutEventsResultEntry? Validate(PutEventsEntry entry)
    {
        static PutEventsResultEntry Missing(string name) =>
            new(null, "InvalidArgument", $"Parameter {name} is not valid. Reason: {name} is a required argument.");

        if (string.IsNullOrEmpty(entry.Source))
        {
            return Missing("Source");
        }

        if (string.IsNullOrEmpty(entry.DetailType))
        {
            return Missing("DetailType");
        }

        if (string.IsNullOrEmpty(entry.Detail))
        {
            return Missing("Detail");
        }

        if (entry.Source.StartsWith("aws.", StringComparison.Ordinal))
        {
            return new PutEventsResultEntry(null, "NotAuthorizedForSourceException", "Not authorized for the source.");
        }

        try
        {
            return JsonNode.Parse(entry.Detail) is JsonObject ? null : new PutEventsResultEntry(null, "MalformedDetail", "Detail is malformed.");
        }
        catch (JsonException)
        {
            return new PutEventsResultEntry(null, "MalformedDetail", "Detail is malformed.");
        }
    }

    private JsonObject NewEvent(
        string account, string region, string source, string detailType, JsonObject detail, IReadOnlyList<string> resources, DateTimeOffset time)
    {
        var n = Interlocked.Increment(ref _eventCounter);
        return new JsonObject
        {
            ["version"] = "0",
            ["id"] = string.Create(CultureInfo.InvariantCulture, $"{n:x8}-e7e0-4000-8000-{n:x12}"),
            ["detail-type"] = detailType,
            ["source"] = source,
            ["account"] = account,
            ["time"] = AwsJson.FormatTime(time),
            ["region"] = region,
            ["resources"] = new JsonArray([.. resources.Select(r => (JsonNode?)JsonValue.Create(r))]),
            ["detail"] = detail,
        };
    }

    private static (string Account, string Region, string Name) ResolveBus(string accountId, string region, string? nameOrArn)
    {
        if (nameOrArn is null || nameOrArn.Length == 0)
        {
            return (accountId, region, EventBus.DefaultName);
        }

        if (!nameOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            return (accountId, region, nameOrArn);
        }

        var parts = nameOrArn.Split(':', 6);
        if (parts.Length != 6 || parts[2] != "events" || !parts[5].StartsWith("event-bus/", StringComparison.Ordinal))
        {
            throw new AwsServiceException("ValidationException", $"Parameter EventBusName is not valid: {nameOrArn}");
        }

        return (parts[4], parts[3], parts[5]["event-bus/".Length..]);
    }

    private static string BusName(string? nameOrArn) =>
        nameOrArn is null ? EventBus.DefaultName : nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..];
}
