namespace LocalCloud.Ec2;

/// <summary>A route table: routes, and associations with subnets (or the main association).</summary>
public sealed class RouteTable : Ec2Resource
{
    /// <summary>The VPC.</summary>
    public string VpcId { get; set; } = "";

    /// <summary>Routes, local routes first.</summary>
    public List<Route> Routes { get; set; } = [];

    /// <summary>Associations.</summary>
    public List<RouteTableAssociation> Associations { get; set; } = [];

    /// <summary>True for the VPC's main route table.</summary>
    public bool IsMain => Associations.Any(a => a.Main);
}

/// <summary>A route. Exactly one destination and one target.</summary>
public sealed class Route
{
    /// <summary>IPv4 destination.</summary>
    public string? DestinationCidrBlock { get; set; }

    /// <summary>IPv6 destination.</summary>
    public string? DestinationIpv6CidrBlock { get; set; }

    /// <summary><c>local</c>, or an internet/virtual private gateway id.</summary>
    public string? GatewayId { get; set; }

    /// <summary>A VPC peering connection target.</summary>
    public string? VpcPeeringConnectionId { get; set; }

    /// <summary>A transit gateway target (not emulated further).</summary>
    public string? TransitGatewayId { get; set; }

    /// <summary>A NAT gateway target (not emulated further).</summary>
    public string? NatGatewayId { get; set; }

    /// <summary><c>CreateRouteTable</c> (local routes) or <c>CreateRoute</c>.</summary>
    public string Origin { get; set; } = "CreateRoute";

    /// <summary>The destination, whichever family.</summary>
    public string Destination => DestinationCidrBlock ?? DestinationIpv6CidrBlock ?? "";

    /// <summary>True for a local route.</summary>
    public bool IsLocal => GatewayId == "local";

    /// <summary>The target id, whichever kind.</summary>
    public string Target => GatewayId ?? VpcPeeringConnectionId ?? TransitGatewayId ?? NatGatewayId ?? "";
}

/// <summary>A route table association.</summary>
public sealed class RouteTableAssociation
{
    /// <summary><c>rtbassoc-…</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The associated subnet, or null for the main association.</summary>
    public string? SubnetId { get; set; }

    /// <summary>True for the main association.</summary>
    public bool Main { get; set; }
}
