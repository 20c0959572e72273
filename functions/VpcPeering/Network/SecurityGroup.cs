namespace VpcPeering.Network;

/// <summary>A security group with its ingress and egress rules.</summary>
public sealed record SecurityGroup(
    string GroupId,
    string GroupName,
    IReadOnlyList<SecurityGroupRule> Ingress,
    IReadOnlyList<SecurityGroupRule> Egress,
    IReadOnlyDictionary<string, string> Tags);
