using System.Net;
using VpcPeering.Cidrs;
using VpcPeering.Network;
using VpcPeering.Requests;
using VpcPeering.Requests.Json;

namespace VpcPeering.Reconstruction;

/// <summary>
/// Rebuilds the request behind a peering from what the tool created there, so that the peering can run again when one of
/// its VPCs gets a new block: route tables = those routing to the peering; blocks = <c>all</c> when every block the VPCs had
/// before is routed, else the routed blocks (a request that routed part keeps doing so); security groups = those holding the
/// peering's rules, with those rules' ports; NACLs updated when the tool added entries; DNS as the peering's options stand.
/// </summary>
public static class PeeringRequestRebuilder
{
    /// <param name="newBlocks">The blocks just associated: not routed yet, so they do not count against <c>all</c>.</param>
    public static RebuiltRequest Rebuild(ManagedPeering managed, IReadOnlyCollection<string> newBlocks)
    {
        var peering = managed.Peering;
        var id = peering.PeeringConnectionId;
        var sides = new[] { Side.Requester, Side.Accepter }.Where(side => managed[side] is not null).ToList();
        if (sides.Count == 0)
        {
            return new RebuiltRequest(id, null, $"{id}: neither side is within reach here");
        }

        var added = newBlocks.Select(Cidr.Parse).ToHashSet();
        var routeTables = new Dictionary<Side, List<string>>();
        var routed = new List<IPNetwork>();
        var everyBlockRouted = true;
        foreach (var side in sides)
        {
            var tables = managed[side]!.RouteTables.Where(table => table.Routes.Any(route => RoutesTo(route, id))).ToList();
            if (tables.Count == 0)
            {
                return new RebuiltRequest(id, null,
                    $"{id}: no route table of the {side.Name()} VPC {peering[side].VpcId} routes to it any more, so there is nothing to extend");
            }

            routeTables[side] = [.. tables.Select(table => table.RouteTableId).Order(StringComparer.Ordinal)];
            var peerBlocks = Blocks(peering[side.Peer()]);
            var destinations = RoutedBlocks(tables, id).Where(block => peerBlocks.Any(peer => peer.ContainsNetwork(block))).ToList();
            routed.AddRange(destinations);
            everyBlockRouted &= peerBlocks.Where(block => !added.Contains(block)).All(destinations.Contains);
        }

        var listed = routed.Distinct().Select(block => block.ToString()).Order(StringComparer.Ordinal).ToList();
        if (!everyBlockRouted && listed.Count == 0)
        {
            return new RebuiltRequest(id, null, $"{id}: its routes lead to no block of either VPC, so there is nothing to extend");
        }

        var document = Document(managed, routeTables, everyBlockRouted ? CidrSelection.All : new CidrSelection.List(listed));
        var validated = PeeringRequestValidator.Validate(document);
        if (validated.Value is not { } request)
        {
            return new RebuiltRequest(id, null, $"{id}: the rebuilt request is not valid ({string.Join("; ", validated.Problems)})");
        }

        var blocks = added.Count == 0 ? "the new block" : string.Join(", ", added.Select(block => block.ToString()));
        return new RebuiltRequest(id, request, everyBlockRouted
            ? $"{id}: routes every block of both VPCs, so {blocks} too"
            : $"{id}: routes only {string.Join(", ", listed)} as before, so {blocks} is not routed (its request listed blocks)");
    }

    private static PeeringRequestDocument Document(ManagedPeering managed, Dictionary<Side, List<string>> routeTables, CidrSelection cidrs)
    {
        var peering = managed.Peering;
        var (requester, accepter) = (peering.Requester, peering.Accepter);
        var grants = new[] { Side.Requester, Side.Accepter }
            .SelectMany(side => managed[side] is { } found ? Grants(side, found) : [])
            .ToList();
        return new PeeringRequestDocument(
            RequestId: managed.RequestId,
            Name: peering.Tags.GetValueOrDefault("Name"),
            Requester: new VpcDocument(requester.VpcId, requester.Region, requester.AccountId),
            Accepter: new VpcDocument(accepter.VpcId, accepter.Region, accepter.AccountId,
                accepter.AccountId != requester.AccountId ? managed.AccepterRoleArn : null),
            Routes: new RoutesDocument(Selection(routeTables, Side.Requester), Selection(routeTables, Side.Accepter), cidrs),
            SecurityGroups: grants,
            AllowAllTraffic: grants.Any(grant => grant.Ports!.Contains(PortSpec.AllTraffic.ToString())) ? true : null,
            NetworkAcls: managed.Requester?.HasNetworkAclEntries == true || managed.Accepter?.HasNetworkAclEntries == true ? "update" : "verify",
            Dns: new DnsDocument(accepter.AllowDnsResolutionFromRemoteVpc, requester.AllowDnsResolutionFromRemoteVpc));
    }

    /// <summary>The tables found on a side; a side out of reach keeps <c>all</c> (its own stack configures it).</summary>
    private static RouteTableSelection? Selection(Dictionary<Side, List<string>> routeTables, Side side) =>
        routeTables.TryGetValue(side, out var ids) ? new RouteTableSelection.ByIds(ids) : null;

    /// <summary>
    /// One grant per description and peer-group source, then per set of ports, so that each grant opens on each of its
    /// groups exactly the ports those groups had.
    /// </summary>
    private static IEnumerable<SecurityGroupGrantDocument> Grants(Side side, ManagedSide managed) =>
        managed.Rules
            .Select(rule => (rule.GroupId, Port: PortOf(rule.Rule), rule.Rule.ReferencedGroupIds, Description: rule.Description ?? ""))
            .Where(rule => rule.Port is not null)
            .GroupBy(rule => (rule.Description, PeerGroups: string.Join(',', rule.ReferencedGroupIds.Order(StringComparer.Ordinal))))
            .OrderBy(grant => grant.Key.Description, StringComparer.Ordinal).ThenBy(grant => grant.Key.PeerGroups, StringComparer.Ordinal)
            .SelectMany(grant => grant
                .GroupBy(rule => rule.GroupId, StringComparer.Ordinal)
                .Select(group => (
                    GroupId: group.Key,
                    Ports: group.Select(rule => rule.Port!.ToString()).Distinct().Order(StringComparer.Ordinal).ToList()))
                .GroupBy(group => string.Join(',', group.Ports), StringComparer.Ordinal)
                .OrderBy(same => same.Key, StringComparer.Ordinal)
                .Select(same => new SecurityGroupGrantDocument(
                    Side: side.Name(),
                    GroupIds: [.. same.Select(group => group.GroupId).Order(StringComparer.Ordinal)],
                    Ports: same.First().Ports,
                    PeerGroupIds: grant.Key.PeerGroups.Length > 0 ? grant.Key.PeerGroups.Split(',') : null,
                    Description: grant.Key.Description.Length > 0 ? grant.Key.Description : null)));

    /// <summary>The port spec a rule opens, as the planner writes rules; null for a protocol the tool never opens.</summary>
    private static PortSpec? PortOf(SecurityGroupRule rule) => IpProtocols.FromEc2(rule.Protocol) switch
    {
        IpProtocol.All => PortSpec.AllTraffic,
        IpProtocol.Tcp or IpProtocol.Udp when rule.FromPort is null or < 0 =>
            new PortSpec(IpProtocols.FromEc2(rule.Protocol), 0, PortSpec.MaxPort),
        var ported and (IpProtocol.Tcp or IpProtocol.Udp) => new PortSpec(ported, rule.FromPort!.Value, rule.ToPort ?? rule.FromPort!.Value),
        var portless and (IpProtocol.Icmp or IpProtocol.Icmpv6) => new PortSpec(portless, 0, PortSpec.MaxPort),
        _ => null,
    };

    private static bool RoutesTo(Route route, string peeringConnectionId) =>
        route.Target.Kind == RouteTargetKind.PeeringConnection && route.Target.Id == peeringConnectionId;

    private static IEnumerable<IPNetwork> RoutedBlocks(IEnumerable<RouteTable> tables, string peeringConnectionId) =>
        tables.SelectMany(table => table.Routes)
            .Where(route => RoutesTo(route, peeringConnectionId))
            .Select(route => Cidr.TryParse(route.DestinationCidr, out var block, out _) ? block : (IPNetwork?)null)
            .OfType<IPNetwork>()
            .Distinct();

    private static List<IPNetwork> Blocks(PeeringVpcInfo info) => [.. info.Ipv4CidrBlocks.Concat(info.Ipv6CidrBlocks).Select(Cidr.Parse)];
}
