using System.Net.Sockets;
using VpcPeering.Cidrs;
using VpcPeering.Evaluation;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Reachability;

/// <summary>
/// Static reachability between subnets of the two VPCs: routes (longest prefix, main-table fallback, active
/// peering only), security groups (stateful, so replies pass) and NACLs (stateless, so replies on the
/// ephemeral ports are checked too). A verdict holds for every address of both subnets.
/// </summary>
/// <param name="ephemeralPorts">The client port range replies go to; 1024-65535 unless given.</param>
public sealed class ReachabilityAnalyzer(NetworkSnapshot snapshot, PortRange? ephemeralPorts = null)
{
    private readonly PortRange _ephemeralPorts = ephemeralPorts ?? PortSpec.EphemeralPorts;

    /// <summary>
    /// Whether a flow started at <paramref name="source"/> reaches <paramref name="destination"/> and its replies return.
    /// </summary>
    public ReachabilityVerdict Check(Endpoint source, Endpoint destination, PortSpec traffic,
        AddressFamily family = AddressFamily.InterNetwork)
    {
        if (Locate(source, family) is not { } from)
        {
            return ReachabilityVerdict.Blocked(Hop.Subnet,
                $"subnet: {source.SubnetId} is not in either VPC or has no {FamilyName(family)} block");
        }

        if (Locate(destination, family) is not { } to)
        {
            return ReachabilityVerdict.Blocked(Hop.Subnet,
                $"subnet: {destination.SubnetId} is not in either VPC or has no {FamilyName(family)} block");
        }

        var forwardPorts = ProtocolMatching.TrafficPorts(traffic);
        var returnPorts = ProtocolMatching.ReturnPorts(traffic, _ephemeralPorts);
        return CheckRoute(from, to, Hop.Route)
            ?? CheckSecurityGroups(from, to, traffic, egress: true)
            ?? CheckNetworkAcl(from, to.Block, egress: true, traffic.Protocol, forwardPorts, Hop.SourceNetworkAcl)
            ?? CheckNetworkAcl(to, from.Block, egress: false, traffic.Protocol, forwardPorts, Hop.DestinationNetworkAcl)
            ?? CheckSecurityGroups(to, from, traffic, egress: false)
            ?? CheckRoute(to, from, Hop.ReturnRoute)
            ?? CheckNetworkAcl(to, from.Block, egress: true, traffic.Protocol, returnPorts, Hop.ReturnDestinationNetworkAcl)
            ?? CheckNetworkAcl(from, to.Block, egress: false, traffic.Protocol, returnPorts, Hop.ReturnSourceNetworkAcl)
            ?? ReachabilityVerdict.Reachable;
    }

    /// <summary>The flow each way: a starting at b, and b starting at a.</summary>
    public (ReachabilityVerdict Forward, ReachabilityVerdict Backward) CheckBothWays(
        Endpoint a, Endpoint b, PortSpec traffic, AddressFamily family = AddressFamily.InterNetwork) =>
        (Check(a, b, traffic, family), Check(b, a, traffic, family));

    /// <summary>Every requester subnet against every accepter subnet, both ways, for each traffic spec.</summary>
    public IReadOnlyList<ReachabilityResult> Matrix(
        IReadOnlyList<PortSpec> traffic, IReadOnlyList<string> requesterGroupIds, IReadOnlyList<string> accepterGroupIds) =>
        (from requesterSubnet in snapshot.Requester.Subnets.Where(subnet => subnet.Ipv4Cidr is not null)
         from accepterSubnet in snapshot.Accepter.Subnets.Where(subnet => subnet.Ipv4Cidr is not null)
         from spec in traffic
         let requester = new Endpoint(requesterSubnet.SubnetId, requesterGroupIds)
         let accepter = new Endpoint(accepterSubnet.SubnetId, accepterGroupIds)
         from result in new[]
         {
             new ReachabilityResult(requester, accepter, spec, Check(requester, accepter, spec)),
             new ReachabilityResult(accepter, requester, spec, Check(accepter, requester, spec)),
         }
         select result).ToList();

    private Located? Locate(Endpoint endpoint, AddressFamily family)
    {
        foreach (var side in new[] { Side.Requester, Side.Accepter })
        {
            var vpc = snapshot[side];
            if (vpc.Subnets.FirstOrDefault(subnet => subnet.SubnetId == endpoint.SubnetId) is { } subnet)
            {
                var cidr = family == AddressFamily.InterNetwork ? subnet.Ipv4Cidr : subnet.Ipv6Cidr;
                return cidr is null ? null : new Located(side, vpc, subnet, CidrSet.Of(Cidr.Parse(cidr)), endpoint);
            }
        }

        return null;
    }

    private ReachabilityVerdict? CheckRoute(Located from, Located to, Hop hop)
    {
        var label = hop == Hop.Route ? "route" : "return route";
        if (from.Vpc.RouteTableFor(from.Subnet.SubnetId) is not { } table)
        {
            return ReachabilityVerdict.Blocked(hop, $"{label}: {from.Vpc.Vpc.VpcId} has no route table for {from.Subnet.SubnetId}");
        }

        foreach (var part in RouteLookup.Resolve(table, to.Block))
        {
            var problem = part.Route switch
            {
                null => $"{table.RouteTableId} has no route to {part.Destination}",
                { State: RouteState.Blackhole } route
                    => $"{table.RouteTableId} route {route.DestinationCidr} -> {route.Target} is a blackhole",
                { Target.Kind: RouteTargetKind.Local } when from.Side == to.Side => null,
                { Target.Kind: RouteTargetKind.PeeringConnection } route when from.Side != to.Side => PeeringProblem(table, route),
                { } route => $"{table.RouteTableId} sends {part.Destination} to {route.Target}, which does not lead to {to.Vpc.Vpc.VpcId}",
            };
            if (problem is not null)
            {
                return ReachabilityVerdict.Blocked(hop, $"{label}: {problem}");
            }
        }

        return null;
    }

    private string? PeeringProblem(RouteTable table, Route route) => snapshot.Peering switch
    {
        null => $"{table.RouteTableId} route {route.DestinationCidr} -> {route.Target}: no peering connection exists",
        { } peering when peering.PeeringConnectionId != route.Target.Id =>
            $"{table.RouteTableId} route {route.DestinationCidr} -> {route.Target} is not the peering {peering.PeeringConnectionId}",
        { IsActive: false } peering
            => $"{table.RouteTableId} route {route.DestinationCidr} -> {route.Target}: the peering is {peering.StatusCode}",
        _ => null,
    };

    /// <summary>Egress at the source toward the destination, or ingress at the destination from the source.</summary>
    private ReachabilityVerdict? CheckSecurityGroups(Located local, Located remote, PortSpec traffic, bool egress)
    {
        var groups = local.Vpc.SecurityGroups.Where(group => local.Endpoint.SecurityGroupIds.Contains(group.GroupId)).ToList();
        var rules = groups.SelectMany(group => egress ? group.Egress : group.Ingress);
        if (SecurityGroupEvaluator.Allows(rules, traffic.Protocol, ProtocolMatching.TrafficPorts(traffic), remote.Block,
            ReferencableGroups(local, remote)))
        {
            return null;
        }

        var names = groups.Count == 0 ? "(none)" : string.Join(", ", groups.Select(group => group.GroupId));
        return egress
            ? ReachabilityVerdict.Blocked(Hop.SourceSecurityGroup,
                $"security group {names} egress has no rule for {traffic} to {remote.Block}")
            : ReachabilityVerdict.Blocked(Hop.DestinationSecurityGroup,
                $"security group {names} ingress has no rule for {traffic} from {remote.Block}");
    }

    /// <summary>Rules may reference the remote end's groups within a VPC, or across an active same-region peering.</summary>
    private HashSet<string> ReferencableGroups(Located local, Located remote) =>
        local.Side == remote.Side || (snapshot.Peering is { IsActive: true } && local.Vpc.Vpc.Region == remote.Vpc.Vpc.Region)
            ? [.. remote.Endpoint.SecurityGroupIds]
            : [];

    private static ReachabilityVerdict? CheckNetworkAcl(Located at, CidrSet remote, bool egress, IpProtocol protocol, PortRange ports,
        Hop hop)
    {
        if (at.Vpc.NetworkAclFor(at.Subnet.SubnetId) is not { } acl)
        {
            return null; // No NACL described: nothing filters at the subnet boundary.
        }

        var decision = NetworkAclEvaluator.Evaluate(acl, egress, protocol, ports, remote);
        return decision.Allowed
            ? null
            : ReachabilityVerdict.Blocked(hop,
                $"nacl {acl.NetworkAclId} {(egress ? "outbound" : "inbound")} rule {decision.BlockingRule} denies "
                + $"{protocol.Describe(ports)} {(egress ? "to" : "from")} {remote}");
    }

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";

    private sealed record Located(Side Side, VpcSnapshot Vpc, Subnet Subnet, CidrSet Block, Endpoint Endpoint);
}
