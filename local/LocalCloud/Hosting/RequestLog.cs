namespace LocalCloud.Hosting;

/// <summary>One API call as the cloud saw it.</summary>
/// <param name="Time">Cloud time when the call arrived.</param>
/// <param name="RequestId">The request id returned to the caller.</param>
/// <param name="AccountId">The account the call acted in (empty when the caller was not identified).</param>
/// <param name="Region">The region from the credential scope.</param>
/// <param name="Service">The signing name (<c>ec2</c>, <c>sts</c>, …).</param>
/// <param name="Action">The API action, or null when it could not be read.</param>
/// <param name="CallerArn">The caller's ARN (account root or assumed-role session).</param>
/// <param name="RoleArn">The IAM role behind an assumed-role caller, else null.</param>
/// <param name="StatusCode">The HTTP status returned.</param>
/// <param name="ErrorCode">The AWS error code returned, or null on success.</param>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string RequestId,
    string AccountId,
    string Region,
    string Service,
    string? Action,
    string CallerArn,
    string? RoleArn,
    int StatusCode,
    string? ErrorCode)
{
    /// <summary><c>ok</c> on success, else the error code.</summary>
    public string Outcome => ErrorCode ?? "ok";

    /// <summary>True when the call succeeded.</summary>
    public bool Succeeded => ErrorCode is null;

    /// <summary>True for actions that only read (Describe, Get, List, Search), as EC2 classifies non-mutating calls.</summary>
    public bool IsReadOnly =>
        Action is { } a && ReadOnlyPrefixes.Any(prefix => a.StartsWith(prefix, StringComparison.Ordinal));

    private static string[] ReadOnlyPrefixes => ["Describe", "Get", "List", "Search"];
}

/// <summary>Every request the cloud handled, in arrival order; tests query it for API-call counts and outcomes.</summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RequestLogEntry> _entries = [];

    /// <summary>Keeps at most this many newest entries (a long-running <c>serve</c> sets one); unlimited when null.</summary>
    public int? Capacity { get; set; }

    /// <summary>A snapshot of all entries.</summary>
    public IReadOnlyList<RequestLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The entries of one service, optionally one action.</summary>
    public IReadOnlyList<RequestLogEntry> For(string service, string? action = null) =>
        [.. Entries.Where(e => e.Service == service && (action is null || e.Action == action))];

    /// <summary>Calls per action of one service (for example, EC2 mutations: <c>CountByAction("ec2", e => !e.IsReadOnly)</c>).</summary>
    public IReadOnlyDictionary<string, int> CountByAction(string service, Func<RequestLogEntry, bool>? where = null) =>
        For(service)
            .Where(e => e.Action is not null && (where is null || where(e)))
            .GroupBy(e => e.Action!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    internal void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            if (Capacity is { } capacity && _entries.Count > capacity)
            {
                _entries.RemoveRange(0, _entries.Count - capacity);
            }
        }
    }
}
