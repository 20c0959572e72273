using VpcPeering.Network;

namespace VpcPeering.Tests;

/// <summary>
/// Small, readable VPC snapshots for tests: requester 10.1.0.0/16 and accepter 10.2.0.0/16, one subnet each,
/// a main route table with the local route, a default security group (all egress) and a default NACL allowing everything.
/// </summary>
internal static class Topology
{
    public const string RequesterVpcId = "vpc-11111111";
    public const string AccepterVpcId = "vpc-22222222";
    public const string RequesterAccount = "111111111111";
    public const string AccepterAccount = "222222222222";
    public const string PeeringId = "pcx-12345678";
    public const string RequesterSubnetId = "subnet-11111111";
    public const string AccepterSubnetId = "subnet-22222222";
    public const string RequesterTableId = "rtb-11111111";
    public const string AccepterTableId = "rtb-22222222";
    public const string RequesterGroupId = "sg-11111111";
    public const string AccepterGroupId = "sg-22222222";
    public const string RequesterAclId = "acl-11111111";
    public const string AccepterAclId = "acl-22222222";

    public static Dictionary<string, string> NoTags => [];

    public static VpcSnapshot Vpc(string vpcId, string account, string cidr, string subnetId, string subnetCidr, string tableId,
        string groupId, string aclId) =>
        new(
            new Vpc(account, "us-east-1", vpcId, [cidr], [], true, true, NoTags),
            [new Subnet(subnetId, subnetCidr, null, "us-east-1a")],
            [new RouteTable(tableId, true, [], [new Route(cidr, RouteTarget.Local, RouteState.Active)], NoTags)],
            [new SecurityGroup(groupId, "default", [], [AllowAllRule()], NoTags)],
            [new NetworkAcl(aclId, true, [], AllowAllEntries())]);

    public static VpcSnapshot Requester() =>
        Vpc(RequesterVpcId, RequesterAccount, "10.1.0.0/16", RequesterSubnetId, "10.1.1.0/24", RequesterTableId, RequesterGroupId,
            RequesterAclId);

    public static VpcSnapshot Accepter() =>
        Vpc(AccepterVpcId, AccepterAccount, "10.2.0.0/16", AccepterSubnetId, "10.2.1.0/24", AccepterTableId, AccepterGroupId,
            AccepterAclId);

    /// <summary>Both VPCs, not yet peered.</summary>
    public static NetworkSnapshot Unpeered() => new(Requester(), Accepter(), null);

    /// <summary>Both VPCs with an active peering, routes both ways, and each group open to the peer on tcp/443.</summary>
    public static NetworkSnapshot Peered()
    {
        var requester = Requester();
        var accepter = Accepter();
        return new NetworkSnapshot(
            WithRoute(WithIngress(requester, Ingress("tcp", 443, 443, "10.2.0.0/16")), "10.2.0.0/16", RouteTarget.Peering(PeeringId)),
            WithRoute(WithIngress(accepter, Ingress("tcp", 443, 443, "10.1.0.0/16")), "10.1.0.0/16", RouteTarget.Peering(PeeringId)),
            Peering(PeeringStatus.Active));
    }

    public static PeeringConnection Peering(string status) => new(
        PeeringId,
        status,
        new PeeringVpcInfo(RequesterAccount, "us-east-1", RequesterVpcId, ["10.1.0.0/16"], [], false),
        new PeeringVpcInfo(AccepterAccount, "us-east-1", AccepterVpcId, ["10.2.0.0/16"], [], false),
        NoTags);

    public static SecurityGroupRule AllowAllRule() => new("-1", null, null, ["0.0.0.0/0"], [], [], null);

    public static SecurityGroupRule Ingress(string protocol, int? from, int? to, string cidr) => new(protocol, from, to, [cidr], [], [],
        null);

    public static NetworkAclEntry[] AllowAllEntries() =>
    [
        new(100, false, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Allow),
        new(NetworkAcl.DefaultRuleNumber, false, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Deny),
        new(100, true, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Allow),
        new(NetworkAcl.DefaultRuleNumber, true, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Deny),
    ];

    public static VpcSnapshot WithRoute(VpcSnapshot vpc, string cidr, RouteTarget target, RouteState state = RouteState.Active) =>
        vpc with { RouteTables = [.. vpc.RouteTables.Select((table, index) => index == 0
            ? table with { Routes = [.. table.Routes, new Route(cidr, target, state)] }
            : table)] };

    public static VpcSnapshot WithIngress(VpcSnapshot vpc, SecurityGroupRule rule) =>
        vpc with { SecurityGroups = [.. vpc.SecurityGroups.Select((group, index) => index == 0 ? group with { Ingress = [.. group.Ingress,
            rule] } : group)] };

    public static VpcSnapshot WithEgressRules(VpcSnapshot vpc, params SecurityGroupRule[] rules) =>
        vpc with { SecurityGroups = [.. vpc.SecurityGroups.Select((group, index) => index == 0 ? group with { Egress = rules } : group)] };

    public static VpcSnapshot WithAclEntry(VpcSnapshot vpc, NetworkAclEntry entry) =>
        vpc with { NetworkAcls = [.. vpc.NetworkAcls.Select((acl, index) => index == 0 ? acl with { Entries = [.. acl.Entries, entry] }
            : acl)] };
}
