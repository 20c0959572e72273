using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

/// <summary>The id kinds EC2 uses here, with their prefixes and error codes.</summary>
internal sealed record Ec2IdKind(string Prefix, string MalformedCode, string NotFoundCode, string NotFoundNoun, string ResourceType)
{
    public static readonly Ec2IdKind Vpc = new("vpc", "InvalidVpcID.Malformed", "InvalidVpcID.NotFound", "vpc ID", "vpc");
    public static readonly Ec2IdKind Subnet = new("subnet", "InvalidSubnetID.Malformed", "InvalidSubnetID.NotFound", "subnet ID", "subnet");
    public static readonly Ec2IdKind RouteTable =
        new("rtb", "InvalidRouteTableID.Malformed", "InvalidRouteTableID.NotFound", "routeTable ID", "route-table");
    public static readonly Ec2IdKind SecurityGroup =
        new("sg", "InvalidGroupId.Malformed", "InvalidGroup.NotFound", "security group", "security-group");
    public static readonly Ec2IdKind NetworkAcl =
        new("acl", "InvalidNetworkAclID.Malformed", "InvalidNetworkAclID.NotFound", "networkAcl ID", "network-acl");
    public static readonly Ec2IdKind Peering = new("pcx", "InvalidVpcPeeringConnectionID.Malformed",
        "InvalidVpcPeeringConnectionID.NotFound", "vpcPeeringConnection ID", "vpc-peering-connection");
    public static readonly Ec2IdKind SecurityGroupRule = new("sgr", "InvalidSecurityGroupRuleId.Malformed",
        "InvalidSecurityGroupRuleId.NotFound", "security group rule ID", "security-group-rule");
    public static readonly Ec2IdKind RouteTableAssociation = new("rtbassoc", "InvalidAssociationID.Malformed",
        "InvalidAssociationID.NotFound", "association ID", "route-table-association");
    public static readonly Ec2IdKind NetworkAclAssociation = new("aclassoc", "InvalidAssociationID.Malformed",
        "InvalidAssociationID.NotFound", "association ID", "network-acl-association");

    /// <summary>The taggable kinds, by id prefix.</summary>
    public static readonly IReadOnlyList<Ec2IdKind> Taggable = [Vpc, Subnet, RouteTable, SecurityGroup, NetworkAcl, Peering, SecurityGroupRule];

    private static readonly Regex Shape = new("^[a-z]+-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public bool IsWellFormed(string id) => id.StartsWith(Prefix + "-", StringComparison.Ordinal) && Shape.IsMatch(id);

    public string Validate(string id) =>
        IsWellFormed(id) ? id : throw new AwsServiceException(MalformedCode, $"Invalid id: \"{id}\"");

    public AwsServiceException NotFound(string id) => new(NotFoundCode, $"The {NotFoundNoun} '{id}' does not exist");

    public static Ec2IdKind? ForId(string id) =>
        Taggable.FirstOrDefault(k => id.StartsWith(k.Prefix + "-", StringComparison.Ordinal) && k.IsWellFormed(id));
}

/// <summary>Deterministic ids: a hash of the seed and a counter, so tests and demos are repeatable.</summary>
internal static class Ec2IdGenerator
{
    public static string Next(Ec2State state, string prefix)
    {
        var n = ++state.IdCounter;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{state.Seed}:{prefix}:{n}"));
        return $"{prefix}-{Convert.ToHexStringLower(hash)[..17]}";
    }
}
