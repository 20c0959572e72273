using LocalCloud.Core;
using LocalCloud.Protocols;

namespace LocalCloud.Hosting;

/// <summary>A token bucket's size and refill rate.</summary>
/// <param name="Capacity">Maximum tokens (the burst).</param>
/// <param name="RefillPerSecond">Tokens added per second of cloud time.</param>
public sealed record TokenBucketLimit(double Capacity, double RefillPerSecond);

/// <summary>
/// Optional request throttling with token buckets per account, region, service and action, refilled on the
/// cloud's clock. EC2's action classes and limits follow "Request throttling for the Amazon EC2 API":
/// mutating 50/5, non-mutating 100/20, unfiltered and unpaginated non-mutating 50/5 per second. Off by default.
/// </summary>
public sealed class RequestThrottler(TimeProvider time)
{
    /// <summary>EC2 mutating actions (Create*, Delete*, Modify*, …).</summary>
    public const string Ec2Mutating = "ec2:mutating";

    /// <summary>EC2 Describe* calls with filters, ids or pagination.</summary>
    public const string Ec2NonMutating = "ec2:non-mutating";

    /// <summary>EC2 Describe* calls without filters, ids or pagination.</summary>
    public const string Ec2Unfiltered = "ec2:unfiltered-non-mutating";

    /// <summary>Any other service's actions, by signing name (<c>sts</c>, …), else <c>*</c>.</summary>
    public const string Default = "*";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);

    /// <summary>Whether requests are throttled at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>Bucket limits by action class; edit to tighten or loosen.</summary>
    public Dictionary<string, TokenBucketLimit> Limits { get; } = new(StringComparer.Ordinal)
    {
        [Ec2Mutating] = new(50, 5),
        [Ec2NonMutating] = new(100, 20),
        [Ec2Unfiltered] = new(50, 5),
        ["sts"] = new(600, 600),
        [Default] = new(100, 20),
    };

    /// <summary>Turns throttling on with the current limits.</summary>
    public void Enable() => Enabled = true;

    /// <summary>Empties every bucket's history (all start full again).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
        }
    }

    /// <summary>The action class of a call: EC2's three classes, otherwise the signing name.</summary>
    public static string Classify(string service, string action, AwsServiceRequest request)
    {
        if (service != "ec2")
        {
            return service;
        }

        if (!action.StartsWith("Describe", StringComparison.Ordinal))
        {
            return Ec2Mutating;
        }

        var parameters = QueryParameters.From(request).Values.Keys;
        var narrowed = parameters.Any(k =>
            k.StartsWith("Filter.", StringComparison.Ordinal) || k == "MaxResults" || k.Contains("Id.", StringComparison.Ordinal));
        return narrowed ? Ec2NonMutating : Ec2Unfiltered;
    }

    /// <summary>Takes one token for the call; false when its bucket is empty.</summary>
    internal bool TryAcquire(string accountId, string region, string service, string action, AwsServiceRequest request)
    {
        if (!Enabled)
        {
            return true;
        }

        var actionClass = Classify(service, action, request);
        var limit = Limits.GetValueOrDefault(actionClass) ?? Limits.GetValueOrDefault(Default);
        if (limit is null)
        {
            return true;
        }

        var key = $"{accountId}/{region}/{service}/{action}";
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var (tokens, at) = _buckets.TryGetValue(key, out var bucket) ? bucket : (limit.Capacity, now);
            tokens = Math.Min(limit.Capacity, tokens + (Math.Max(0, (now - at).TotalSeconds) * limit.RefillPerSecond));
            var granted = tokens >= 1;
            _buckets[key] = (granted ? tokens - 1 : tokens, now);
            return granted;
        }
    }
}
