namespace LocalCloud.Topology;

// The YAML shape of a topology file (camelCase keys). Everything refers to everything else by name.
#pragma warning disable CA1812 // Instantiated by YamlDotNet.
#pragma warning disable CA2227 // Settable collections are what the deserializer fills.
internal sealed class TopologyDocument
{
    public List<AccountSpec> Accounts { get; set; } = [];
}

internal sealed class AccountSpec
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public List<RoleSpec> Roles { get; set; } = [];

    public List<RegionSpec> Regions { get; set; } = [];
}

internal sealed class RoleSpec
{
    public string? Name { get; set; }

    public string Path { get; set; } = "/";

    public TrustSpec? Trust { get; set; }

    public string? AssumeRolePolicyDocument { get; set; }

    public List<PolicySpec> Policies { get; set; } = [];
}

internal sealed class TrustSpec
{
    public List<string> Accounts { get; set; } = [];

    public List<string> Principals { get; set; } = [];

    public string? ExternalId { get; set; }
}

internal sealed class PolicySpec
{
    public string? Name { get; set; }

    public string? Document { get; set; }
}

internal sealed class RegionSpec
{
    public string? Name { get; set; }

    public List<VpcSpec> Vpcs { get; set; } = [];
}

internal sealed class VpcSpec
{
    public string? Name { get; set; }

    public string? Cidr { get; set; }

    public List<string> SecondaryCidrs { get; set; } = [];

    public bool Ipv6 { get; set; }

    public bool? DnsSupport { get; set; }

    public bool? DnsHostnames { get; set; }

    public Dictionary<string, string> Tags { get; set; } = [];

    public List<SubnetSpec> Subnets { get; set; } = [];

    public List<RouteTableSpec> RouteTables { get; set; } = [];

    public List<SecurityGroupSpec> SecurityGroups { get; set; } = [];

    public List<NetworkAclSpec> NetworkAcls { get; set; } = [];
}

internal sealed class SubnetSpec
{
    public string? Name { get; set; }

    public string? Cidr { get; set; }

    public string? Az { get; set; }

    public int? Ipv6Index { get; set; }

    public Dictionary<string, string> Tags { get; set; } = [];
}

internal sealed class RouteTableSpec
{
    public string? Name { get; set; }

    public bool Main { get; set; }

    public List<string> Subnets { get; set; } = [];

    public List<RouteSpecYaml> Routes { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = [];
}

internal sealed class RouteSpecYaml
{
    public string? Destination { get; set; }

    public string? Gateway { get; set; }

    public string? TransitGateway { get; set; }

    public string? NatGateway { get; set; }
}

internal sealed class SecurityGroupSpec
{
    public string? Name { get; set; }

    public string? GroupName { get; set; }

    public string? Description { get; set; }

    public bool Default { get; set; }

    public List<RuleSpec> Ingress { get; set; } = [];

    public List<RuleSpec> Egress { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = [];
}

internal sealed class RuleSpec
{
    public string Protocol { get; set; } = "tcp";

    public string? Ports { get; set; }

    public string? Cidr { get; set; }

    public string? Ipv6Cidr { get; set; }

    public string? Group { get; set; }

    public string? PrefixList { get; set; }

    public string? Description { get; set; }
}

internal sealed class NetworkAclSpec
{
    public string? Name { get; set; }

    public bool Default { get; set; }

    public List<string> Subnets { get; set; } = [];

    public List<AclEntrySpec> Entries { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = [];
}

internal sealed class AclEntrySpec
{
    public int Rule { get; set; }

    public string Direction { get; set; } = "ingress";

    public string Protocol { get; set; } = "-1";

    public string Action { get; set; } = "allow";

    public string? Cidr { get; set; }

    public string? Ipv6Cidr { get; set; }

    public string? Ports { get; set; }

    public int? IcmpType { get; set; }

    public int? IcmpCode { get; set; }
}
#pragma warning restore CA2227
#pragma warning restore CA1812
