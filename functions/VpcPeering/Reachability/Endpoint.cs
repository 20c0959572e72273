namespace VpcPeering.Reachability;

/// <summary>One end of a flow: a subnet, and the security groups of the network interfaces there.</summary>
public sealed record Endpoint(string SubnetId, IReadOnlyList<string> SecurityGroupIds);
