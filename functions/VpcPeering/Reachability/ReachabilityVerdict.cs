namespace VpcPeering.Reachability;

/// <summary>Whether a flow gets through and, if not, the first hop that stops it and why.</summary>
public sealed record ReachabilityVerdict(bool IsReachable, Hop? BlockedAt, string Explanation)
{
    public static ReachabilityVerdict Reachable { get; } = new(true, null, "reachable");

    public static ReachabilityVerdict Blocked(Hop hop, string explanation) => new(false, hop, explanation);

    public override string ToString() => Explanation;
}
