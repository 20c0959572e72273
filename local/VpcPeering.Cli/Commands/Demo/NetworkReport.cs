using VpcPeering.Cli.Local;
using VpcPeering.Functions.Ec2;
using VpcPeering.Network;
using VpcPeering.Reachability;
using VpcPeering.Requests;

namespace VpcPeering.Cli.Commands.Demo;

/// <summary>What the network looks like after a run, read back through EC2 as any user would, and its reachability.</summary>
internal sealed record NetworkReport(NetworkSnapshot Snapshot, IReadOnlyList<ReachabilityResult> Connectivity, IReadOnlyList<string> RequestedPorts)
{
    /// <summary>Requester-initiated flows on the requested ports: what the run promised.</summary>
    public IReadOnlyList<ReachabilityResult> Promised =>
        [.. Connectivity.Where(r => Snapshot.Requester.Subnets.Any(s => s.SubnetId == r.Source.SubnetId))];

    public bool ConnectivityHolds => Promised.Count > 0 && Promised.All(r => r.Verdict.IsReachable);

    public static async Task<NetworkReport> ReadAsync(ProductCloud cloud, DemoScenario scenario)
    {
        var requester = await DescribeAsync(cloud, scenario.Requester);
        var accepter = await DescribeAsync(cloud, scenario.Accepter);
        var peering = await FindPeeringAsync(cloud, scenario, requester.Vpc.VpcId);
        var snapshot = new NetworkSnapshot(requester, accepter, peering);
        var ports = scenario.Ports.Select(p => PortSpec.TryParse(p, out var spec, out _) ? spec : PortSpec.AllTraffic).ToList();
        var analyzer = new ReachabilityAnalyzer(snapshot);
        var connectivity = analyzer.Matrix(ports, GroupsOpenedTo(requester, accepter), GroupsOpenedTo(accepter, requester));
        return new NetworkReport(snapshot, connectivity, scenario.Ports);
    }

    /// <summary>Routes in this VPC's tables that target the peering.</summary>
    public static IEnumerable<(RouteTable Table, Route Route)> PeeringRoutes(VpcSnapshot vpc, string? peeringId) =>
        from table in vpc.RouteTables
        from route in table.Routes
        where peeringId is not null && route.Target.Id == peeringId
        select (table, route);

    /// <summary>Ingress rules that admit the peer VPC's blocks.</summary>
    public static IEnumerable<(SecurityGroup Group, SecurityGroupRule Rule)> RulesForPeer(VpcSnapshot vpc, VpcSnapshot peer) =>
        from grp in vpc.SecurityGroups
        from rule in grp.Ingress
        where rule.Ipv4Cidrs.Concat(rule.Ipv6Cidrs).Any(c => peer.Vpc.AllCidrBlocks.Contains(c))
        select (grp, rule);

    /// <summary>NACL entries that name the peer VPC's blocks.</summary>
    public static IEnumerable<(NetworkAcl Acl, NetworkAclEntry Entry)> AclEntriesForPeer(VpcSnapshot vpc, VpcSnapshot peer) =>
        from acl in vpc.NetworkAcls
        from entry in acl.Entries
        where peer.Vpc.AllCidrBlocks.Contains(entry.Cidr)
        select (acl, entry);

    /// <summary>The groups an instance would carry to be reached from the peer: those with rules for the peer, else all.</summary>
    private static List<string> GroupsOpenedTo(VpcSnapshot vpc, VpcSnapshot peer)
    {
        var opened = RulesForPeer(vpc, peer).Select(r => r.Group.GroupId).Distinct().ToList();
        return opened.Count > 0 ? opened : [.. vpc.SecurityGroups.Where(g => g.GroupName == "default").Select(g => g.GroupId)];
    }

    private static async Task<VpcSnapshot> DescribeAsync(ProductCloud cloud, ScenarioVpc side)
    {
        var reader = new NetworkReader(cloud.Ec2(side.AccountId, side.Region), side.Region);
        return await reader.DescribeAsync(cloud.Resolve(side.Vpc), VpcParts.All);
    }

    private static async Task<PeeringConnection?> FindPeeringAsync(ProductCloud cloud, DemoScenario scenario, string requesterVpcId)
    {
        var reader = new NetworkReader(cloud.Ec2(scenario.Requester.AccountId, scenario.Requester.Region), scenario.Requester.Region);
        var peerings = await reader.FindPeeringsAsync(new Amazon.EC2.Model.Filter("requester-vpc-info.vpc-id", [requesterVpcId]));
        return peerings.OrderBy(p => p.IsActive ? 0 : 1).FirstOrDefault();
    }
}
