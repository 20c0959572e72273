namespace LocalCloud.Ec2;

/// <summary>A VPC with its IPv4 and IPv6 CIDR block associations and DNS attributes.</summary>
public sealed class Vpc : Ec2Resource
{
    /// <summary>Always <c>available</c> once created.</summary>
    public string State { get; set; } = "available";

    /// <summary>IPv4 blocks; the first is the primary block.</summary>
    public List<VpcCidrBlock> CidrBlocks { get; set; } = [];

    /// <summary>Amazon-provided IPv6 /56 blocks.</summary>
    public List<VpcCidrBlock> Ipv6CidrBlocks { get; set; } = [];

    /// <summary><c>default</c> or <c>dedicated</c>.</summary>
    public string InstanceTenancy { get; set; } = "default";

    /// <summary>The VPC's DHCP options set.</summary>
    public string DhcpOptionsId { get; set; } = "";

    /// <summary>Whether the Amazon DNS server resolves in this VPC (default true).</summary>
    public bool EnableDnsSupport { get; set; } = true;

    /// <summary>Whether instances get public DNS hostnames (default false for a non-default VPC).</summary>
    public bool EnableDnsHostnames { get; set; }

    /// <summary>The primary IPv4 block.</summary>
    public string CidrBlock => CidrBlocks[0].CidrBlock;

    /// <summary>Every associated IPv4 and IPv6 block.</summary>
    public IEnumerable<string> AllCidrs => CidrBlocks.Concat(Ipv6CidrBlocks).Select(c => c.CidrBlock);
}

/// <summary>A CIDR block association of a VPC.</summary>
public sealed class VpcCidrBlock
{
    /// <summary><c>vpc-cidr-assoc-…</c>.</summary>
    public string AssociationId { get; set; } = "";

    /// <summary>The block (IPv4 or IPv6).</summary>
    public string CidrBlock { get; set; } = "";

    /// <summary><c>associated</c>.</summary>
    public string State { get; set; } = "associated";

    /// <summary>For IPv6: the network border group (the region).</summary>
    public string? NetworkBorderGroup { get; set; }
}
