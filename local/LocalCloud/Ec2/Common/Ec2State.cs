namespace LocalCloud.Ec2;

/// <summary>
/// Everything the EC2 emulation holds, in every account and region. Plain data so that it round-trips
/// through System.Text.Json (<see cref="Ec2Model.Export"/>, <see cref="Ec2Model.Import"/>).
/// </summary>
public sealed class Ec2State
{
    /// <summary>Seed of the id generator.</summary>
    public int Seed { get; set; }

    /// <summary>Ids handed out so far.</summary>
    public long IdCounter { get; set; }

    /// <summary>Amazon-provided IPv6 /56 blocks handed out so far.</summary>
    public int Ipv6BlockCounter { get; set; }

    /// <summary>All VPCs.</summary>
    public List<Vpc> Vpcs { get; set; } = [];

    /// <summary>All subnets.</summary>
    public List<Subnet> Subnets { get; set; } = [];

    /// <summary>All route tables.</summary>
    public List<RouteTable> RouteTables { get; set; } = [];

    /// <summary>All security groups.</summary>
    public List<SecurityGroup> SecurityGroups { get; set; } = [];

    /// <summary>All network ACLs.</summary>
    public List<NetworkAcl> NetworkAcls { get; set; } = [];

    /// <summary>All VPC peering connections (one record, seen from both sides).</summary>
    public List<VpcPeeringConnection> PeeringConnections { get; set; } = [];

    /// <summary>Tags: each account keeps its own tags, even on a shared peering connection.</summary>
    public List<ResourceTag> Tags { get; set; } = [];

    /// <summary>Per account and resource, how many times its tags changed (the tag-change event's <c>version</c>).</summary>
    public Dictionary<string, int> TagVersions { get; set; } = [];
}

/// <summary>Where a call acts: an account in a region.</summary>
/// <param name="AccountId">The 12-digit account.</param>
/// <param name="Region">The region.</param>
public readonly record struct Ec2Scope(string AccountId, string Region);

/// <summary>A resource owned by an account in a region.</summary>
public abstract class Ec2Resource
{
    /// <summary>The resource id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The owning account.</summary>
    public string OwnerId { get; set; } = "";

    /// <summary>The region.</summary>
    public string Region { get; set; } = "";

    internal bool In(Ec2Scope scope) => OwnerId == scope.AccountId && Region == scope.Region;
}

/// <summary>One tag of one resource, as one account sees it.</summary>
public sealed class ResourceTag
{
    /// <summary>The account that owns the tag.</summary>
    public string AccountId { get; set; } = "";

    /// <summary>The tagged resource.</summary>
    public string ResourceId { get; set; } = "";

    /// <summary>Tag key.</summary>
    public string Key { get; set; } = "";

    /// <summary>Tag value.</summary>
    public string Value { get; set; } = "";
}
