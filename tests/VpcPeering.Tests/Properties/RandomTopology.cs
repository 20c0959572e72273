using CsCheck;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Properties;

/// <summary>
/// Generators for small random topologies: two /24 VPCs with two /29 subnets each, random routes, groups and
/// NACL entries drawn from small pools so that rules often overlap, nest and contradict each other.
/// Ports stay within 0-20 (with an ephemeral range of 10-20) so an oracle can try every one.
/// </summary>
internal static class RandomTopology
{
    public const string PeeringId = "pcx-0000000a";
    public static readonly PortRange EphemeralPorts = new(10, 20);

    private static readonly string[] RequesterSubnets = ["10.1.0.0/29", "10.1.0.8/29"];
    private static readonly string[] AccepterSubnets = ["10.2.0.0/29", "10.2.0.8/29"];

    private static readonly string[] CidrPool =
    [
        "0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/24", "10.1.0.0/29", "10.1.0.4/30", "10.1.0.8/29",
        "10.2.0.0/24", "10.2.0.0/29", "10.2.0.8/29", "10.2.0.0/30", "10.2.0.12/31", "192.168.0.0/16",
    ];

    private static readonly Gen<string> Protocol = Gen.OneOf("-1", "tcp", "tcp", "udp", "icmp", "6");

    private static readonly Gen<(int? From, int? To)> Ports = Gen.Frequency(
        (2, Gen.Const<(int?, int?)>((null, null))),
        (3, Gen.Int[0, 20].Select(port => ((int?)port, (int?)port))),
        (3, Gen.Select(Gen.Int[0, 20], Gen.Int[0, 10], (from, length) => ((int?)from, (int?)Math.Min(20, from + length)))),
        (1, Gen.Const<(int?, int?)>((0, 65535))));

    private static readonly Gen<NetworkAclEntry> Entry = Gen.Select(
        Gen.Int[1, 12],
        Gen.Bool,
        Protocol,
        Ports,
        Gen.OneOf(CidrPool),
        Gen.Frequency((3, Gen.Const(NetworkAclAction.Allow)), (2, Gen.Const(NetworkAclAction.Deny))),
        (number, egress, protocol, ports, cidr, action) => new NetworkAclEntry(number * 10, egress, protocol, ports.From, ports.To, cidr,
            action));

    private static readonly Gen<Route> ExtraRoute = Gen.Select(
        Gen.OneOf("10.2.0.0/24", "10.2.0.0/29", "10.2.0.0/30", "10.2.0.8/29", "10.1.0.0/24", "10.1.0.8/29", "10.0.0.0/8", "0.0.0.0/0"),
        Gen.OneOf(
            RouteTarget.Peering(PeeringId),
            RouteTarget.Peering(PeeringId),
            RouteTarget.Peering("pcx-0000000b"),
            new RouteTarget(RouteTargetKind.Gateway, "igw-0000000a")),
        Gen.Frequency((6, Gen.Const(RouteState.Active)), (1, Gen.Const(RouteState.Blackhole))),
        (cidr, target, state) => new Route(cidr, target, state));

    public static Gen<NetworkSnapshot> Snapshot { get; } =
        Gen.Select(
            Vpc("vpc-0000000a", "10.1.0.0/24", "10.2.0.0/24", RequesterSubnets, "a", "sg-b000000a"),
            Vpc("vpc-0000000b", "10.2.0.0/24", "10.1.0.0/24", AccepterSubnets, "b", "sg-a000000a"),
            Gen.Frequency((8, Gen.Const((string?)PeeringStatus.Active)), (1, Gen.Const((string?)PeeringStatus.PendingAcceptance)), (1,
                Gen.Const((string?)null))),
            (requester, accepter, status) => new NetworkSnapshot(requester, accepter, status is null ? null : Peering(status)));

    private static PeeringConnection Peering(string status) => new(
        PeeringId,
        status,
        new PeeringVpcInfo("111111111111", "us-east-1", "vpc-0000000a", ["10.1.0.0/24"], [], false),
        new PeeringVpcInfo("111111111111", "us-east-1", "vpc-0000000b", ["10.2.0.0/24"], [], false),
        new Dictionary<string, string>());

    /// <summary>Most tables route the peer VPC to the peering, so that the other hops get exercised too.</summary>
    private static Gen<Route[]> Routes(string peerCidr) =>
        Gen.Select(Gen.Int[0, 9], ExtraRoute.Array[0, 2], (roll, extra) => roll < 8
            ? [new Route(peerCidr, RouteTarget.Peering(PeeringId), RouteState.Active), .. extra.Where(route
                => route.DestinationCidr != peerCidr)]
            : extra);

    private static Gen<VpcSnapshot> Vpc(string vpcId, string cidr, string peerCidr, string[] subnets, string name, string peerGroupId) =>
        Gen.Select(
            Routes(peerCidr),
            Routes(peerCidr),
            Gen.Int[0, 3],
            Group($"sg-{name}000000a", peerGroupId),
            Group($"sg-{name}000000b", peerGroupId),
            Acl($"acl-{name}000000a"),
            Acl($"acl-{name}000000b"),
            Gen.Int[0, 3])
        .Select(parts =>
        {
            var (mainRoutes, otherRoutes, associatedMask, group1, group2, acl1, acl2, aclMask) = parts;
            var subnetIds = subnets.Select((_, index) => $"subnet-{name}{index:D7}").ToArray();
            var local = new Route(cidr, RouteTarget.Local, RouteState.Active);
            return new VpcSnapshot(
                new Vpc("111111111111", "us-east-1", vpcId, [cidr], [], true, true, new Dictionary<string, string>()),
                [.. subnets.Select((subnetCidr, index) => new Subnet(subnetIds[index], subnetCidr, null, "us-east-1a"))],
                [
                    new RouteTable($"rtb-{name}000000a", true, [], [local, .. Distinct(mainRoutes)], new Dictionary<string, string>()),
                    new RouteTable($"rtb-{name}000000b", false, Pick(subnetIds, associatedMask), [local, .. Distinct(otherRoutes)],
                        new Dictionary<string, string>()),
                ],
                [group1, group2],
                [acl1 with { IsDefault = true }, acl2 with { SubnetIds = Pick(subnetIds, aclMask) }]);
        });

    /// <summary>EC2 keeps one route per destination.</summary>
    private static IEnumerable<Route> Distinct(Route[] routes) => routes.DistinctBy(route => route.DestinationCidr).Where(route
        => route.DestinationCidr != "10.1.0.0/24" || route.Target.Kind != RouteTargetKind.Local);

    private static string[] Pick(string[] ids, int mask) => [.. ids.Where((_, index) => (mask & (1 << index)) != 0)];

    private static Gen<SecurityGroup> Group(string groupId, string peerGroupId) =>
        Gen.Select(Rule(groupId, peerGroupId).Array[0, 3], Rule(groupId, peerGroupId).Array[0, 2], Gen.Int[0, 3],
            (ingress, egress, open) => new SecurityGroup(
                groupId,
                groupId,
                [.. ingress, .. (open & 1) != 0 ? [AllTraffic("10.0.0.0/8")] : Array.Empty<SecurityGroupRule>()],
                [.. egress, .. (open & 2) != 0 ? [AllTraffic("0.0.0.0/0")] : Array.Empty<SecurityGroupRule>()],
                new Dictionary<string, string>()));

    private static SecurityGroupRule AllTraffic(string cidr) => new("-1", null, null, [cidr], [], [], null);

    private static Gen<SecurityGroupRule> Rule(string ownGroupId, string peerGroupId) =>
        Gen.Select(Protocol, Ports, Gen.OneOf(CidrPool), Gen.Int[0, 5],
            (protocol, ports, cidr, kind) => kind switch
            {
                0 => new SecurityGroupRule(protocol, ports.From, ports.To, [], [], [ownGroupId], null),
                1 => new SecurityGroupRule(protocol, ports.From, ports.To, [], [], [$"111111111111/{peerGroupId}"], null),
                _ => new SecurityGroupRule(protocol, ports.From, ports.To, [cidr], [], [], null),
            });

    private static Gen<NetworkAcl> Acl(string aclId) =>
        Gen.Select(Entry.Array[0, 4], Gen.Int[0, 9].Select(roll => roll < 7), (entries, openByDefault) => new NetworkAcl(aclId, false, [],
        [
            .. entries.DistinctBy(entry => (entry.RuleNumber, entry.Egress)),
            .. openByDefault
                ? new[] { new NetworkAclEntry(100, false, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Allow),
                          new NetworkAclEntry(100, true, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Allow) }
                : [],
            new NetworkAclEntry(NetworkAcl.DefaultRuleNumber, false, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Deny),
            new NetworkAclEntry(NetworkAcl.DefaultRuleNumber, true, "-1", null, null, "0.0.0.0/0", NetworkAclAction.Deny),
        ]));
}
