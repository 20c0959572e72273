namespace VpcPeering.Network;

/// <summary>A network ACL. Subnets associated with no ACL in the snapshot use the default ACL.</summary>
/// <param name="Entries">Ingress and egress entries, including the <c>*</c> deny-all (rule number 32767).</param>
public sealed record NetworkAcl(
    string NetworkAclId,
    bool IsDefault,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<NetworkAclEntry> Entries)
{
    /// <summary>The rule number AWS shows as <c>*</c>: the last, unremovable deny.</summary>
    public const int DefaultRuleNumber = 32767;
}
