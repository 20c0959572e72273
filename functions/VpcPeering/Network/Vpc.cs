namespace VpcPeering.Network;

/// <summary>A VPC's own attributes, as DescribeVpcs and DescribeVpcAttribute report them.</summary>
/// <param name="AccountId">The 12-digit owner account.</param>
/// <param name="Region">The region, e.g. <c>us-east-1</c>.</param>
/// <param name="VpcId">The VPC id, e.g. <c>vpc-0a1b2c3d</c>.</param>
/// <param name="Ipv4CidrBlocks">Every associated IPv4 block, primary first (only blocks in state <c>associated</c>).</param>
/// <param name="Ipv6CidrBlocks">Every associated IPv6 block.</param>
/// <param name="EnableDnsSupport">The <c>enableDnsSupport</c> attribute.</param>
/// <param name="EnableDnsHostnames">The <c>enableDnsHostnames</c> attribute.</param>
/// <param name="Tags">The VPC's tags.</param>
public sealed record Vpc(
    string AccountId,
    string Region,
    string VpcId,
    IReadOnlyList<string> Ipv4CidrBlocks,
    IReadOnlyList<string> Ipv6CidrBlocks,
    bool EnableDnsSupport,
    bool EnableDnsHostnames,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>Every associated block, IPv4 first.</summary>
    public IEnumerable<string> AllCidrBlocks => Ipv4CidrBlocks.Concat(Ipv6CidrBlocks);
}
