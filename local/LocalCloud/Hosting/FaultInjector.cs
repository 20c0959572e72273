using LocalCloud.Core;
using LocalCloud.Iam;

namespace LocalCloud.Hosting;

/// <summary>
/// A fault to inject: matching calls fail with <paramref name="ErrorCode"/> in the target service's own error
/// format. Each rule draws from its own <see cref="Random"/> seeded with <paramref name="Seed"/>, so a rule
/// fails the same calls on every run.
/// </summary>
/// <param name="Service">Signing-name pattern (<c>ec2</c>, <c>*</c>); <c>*</c> and <c>?</c> wildcards.</param>
/// <param name="Action">Action pattern (<c>CreateVpcPeeringConnection</c>, <c>Describe*</c>, <c>*</c>).</param>
/// <param name="ErrorCode">The AWS error code to answer, e.g. <c>InternalError</c> or <c>RequestLimitExceeded</c>.</param>
/// <param name="StatusCode">The HTTP status of the error.</param>
/// <param name="Rate">Probability, 0 to 1, that a matching call fails.</param>
/// <param name="Seed">Seed of this rule's random sequence.</param>
public sealed record FaultRule(string Service, string Action, string ErrorCode, int StatusCode = 500, double Rate = 1.0, int Seed = 0)
{
    /// <summary>The error message; a default naming the rule when null.</summary>
    public string? Message { get; init; }

    /// <summary>Stop injecting after this many faults; unlimited when null.</summary>
    public int? MaxCount { get; init; }

    /// <summary>Only calls in this account, when set.</summary>
    public string? AccountId { get; init; }

    /// <summary>Only calls in this region, when set.</summary>
    public string? Region { get; init; }
}

/// <summary>A registered <see cref="FaultRule"/>: counts what it did; dispose to remove it.</summary>
public sealed class FaultHandle : IDisposable
{
    private readonly FaultInjector _owner;
    private readonly Random _random;

    internal FaultHandle(FaultInjector owner, FaultRule rule)
    {
        _owner = owner;
        Rule = rule;
        _random = new Random(rule.Seed);
    }

    /// <summary>The rule.</summary>
    public FaultRule Rule { get; }

    /// <summary>Calls that matched the rule's patterns.</summary>
    public int Matched { get; private set; }

    /// <summary>Calls that were failed.</summary>
    public int Injected { get; private set; }

    /// <summary>Removes the rule.</summary>
    public void Dispose() => _owner.Remove(this);

    internal bool Applies(string service, string action, string accountId, string region) =>
        Wildcard.IsMatch(Rule.Service, service, ignoreCase: true)
        && Wildcard.IsMatch(Rule.Action, action, ignoreCase: true)
        && (Rule.AccountId is null || Rule.AccountId == accountId)
        && (Rule.Region is null || Rule.Region == region);

    internal bool Draw()
    {
        Matched++;
        var fire = _random.NextDouble() < Rule.Rate && (Rule.MaxCount is null || Injected < Rule.MaxCount);
        if (fire)
        {
            Injected++;
        }

        return fire;
    }
}

/// <summary>The cloud's fault rules, consulted for every authenticated call before the service handles it.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultHandle> _rules = [];

    /// <summary>Adds a rule; dispose the handle (or call <see cref="Clear"/>) to remove it.</summary>
    public FaultHandle Add(FaultRule rule)
    {
        if (rule.Rate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule.Rate, "A fault rate is a probability between 0 and 1.");
        }

        var handle = new FaultHandle(this, rule);
        lock (_gate)
        {
            _rules.Add(handle);
        }

        return handle;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal void Remove(FaultHandle handle)
    {
        lock (_gate)
        {
            _rules.Remove(handle);
        }
    }

    /// <summary>The fault to answer for this call, or null. The first matching rule that fires wins.</summary>
    internal AwsServiceException? Next(string service, string action, string accountId, string region)
    {
        lock (_gate)
        {
            foreach (var handle in _rules)
            {
                if (handle.Applies(service, action, accountId, region) && handle.Draw())
                {
                    var rule = handle.Rule;
                    return new AwsServiceException(rule.ErrorCode,
                        rule.Message ?? $"Fault injected by the local cloud ({rule.ErrorCode} on {service}:{action}).", rule.StatusCode);
                }
            }
        }

        return null;
    }
}
