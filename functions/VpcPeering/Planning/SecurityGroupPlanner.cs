using System.Net;
using VpcPeering.Cidrs;
using VpcPeering.Evaluation;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

/// <summary>
/// Ingress rules on the chosen groups for the requested ports, from the peer's routed blocks (never wider) or,
/// same-region, from named peer groups. Rules whose traffic the group already allows are reported as present.
/// </summary>
internal static class SecurityGroupPlanner
{
    private static readonly IPNetwork AnyAddress = IPNetwork.Parse("0.0.0.0/0");

    public static IEnumerable<SecurityGroupRuleChange> Plan(PlanningContext context) =>
        context.Request.SecurityGroups
            .SelectMany((grant, index) => PlanGrant(context, grant, $"$.securityGroups[{index}]"))
            .DistinctBy(change => (change.Side, change.GroupId, change.Rule.PortText, string.Join(",", change.Rule.Peers)));

    private static IEnumerable<SecurityGroupRuleChange> PlanGrant(PlanningContext context, SecurityGroupGrant grant, string path)
    {
        var groups = SecurityGroupSelector.Select(context.Snapshot[grant.Side], grant.Groups, path, context.Problems);
        var sources = Sources(context, grant, path);
        return
            from grantedGroup in groups
            from ports in grant.Ports
            from source in sources
            let rule = RuleFor(ports, source, grant.Description)
            let present = SecurityGroupEvaluator.Allows(grantedGroup.Ingress, ports.Protocol, ProtocolMatching.TrafficPorts(ports),
                CidrSet.Of(source.Cidr ?? AnyAddress), source.GroupId is null ? new HashSet<string>() : [source.GroupId])
            select new SecurityGroupRuleChange(grant.Side, grantedGroup.GroupId, rule, present ? ChangeKind.Present : ChangeKind.Add);
    }

    private static List<RuleSource> Sources(PlanningContext context, SecurityGroupGrant grant, string path)
    {
        var peer = context.Snapshot[grant.Side.Peer()];
        if (grant.PeerGroupIds.Count == 0)
        {
            return [.. context.RoutedBlocks(grant.Side.Peer()).Blocks.Select(block => new RuleSource(block, null, null))];
        }

        if (peer.Vpc.Region != context.Snapshot[grant.Side].Vpc.Region)
        {
            context.Problems.Add($"{path}.peerGroupIds", "cross-region peerings cannot reference peer security groups",
                "no peerGroupIds: the rules then allow the peer's CIDR blocks");
            return [];
        }

        var sources = new List<RuleSource>();
        for (var i = 0; i < grant.PeerGroupIds.Count; i++)
        {
            var groupId = SecurityGroupEvaluator.GroupIdOf(grant.PeerGroupIds[i]);
            if (!peer.SecurityGroups.Any(group => group.GroupId == groupId))
            {
                context.Problems.Add($"{path}.peerGroupIds[{i}]", $"security group {groupId} is not in the peer VPC {peer.Vpc.VpcId}",
                    "a security group of the peer VPC");
                continue;
            }

            var sameAccount = peer.Vpc.AccountId == context.Snapshot[grant.Side].Vpc.AccountId;
            sources.Add(new RuleSource(null, groupId, sameAccount ? groupId : $"{peer.Vpc.AccountId}/{groupId}"));
        }

        return sources;
    }

    private static SecurityGroupRule RuleFor(PortSpec ports, RuleSource source, string description)
    {
        var (from, to) = ports.Protocol switch
        {
            IpProtocol.Tcp or IpProtocol.Udp => ((int?)ports.FromPort, (int?)ports.ToPort),
            IpProtocol.Icmp or IpProtocol.Icmpv6 => (-1, -1),
            _ => (null, null),
        };
        var cidr = source.Cidr?.ToString();
        return new SecurityGroupRule(
            ports.Protocol.ToEc2(),
            from,
            to,
            source.Cidr is { } v4 && v4.IsIpv4() ? [cidr!] : [],
            source.Cidr is { } v6 && !v6.IsIpv4() ? [cidr!] : [],
            source.Reference is { } reference ? [reference] : [],
            description);
    }

    /// <summary>Where a rule allows traffic from: a peer block, or a peer group (by id, and as the rule spells it).</summary>
    private sealed record RuleSource(IPNetwork? Cidr, string? GroupId, string? Reference);
}
