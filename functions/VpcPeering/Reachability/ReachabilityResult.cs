using VpcPeering.Requests;

namespace VpcPeering.Reachability;

/// <summary>One cell of a reachability matrix: a flow and its verdict.</summary>
public sealed record ReachabilityResult(Endpoint Source, Endpoint Destination, PortSpec Traffic, ReachabilityVerdict Verdict)
{
    public override string ToString() => $"{Source.SubnetId} -> {Destination.SubnetId} {Traffic}: {Verdict}";
}
