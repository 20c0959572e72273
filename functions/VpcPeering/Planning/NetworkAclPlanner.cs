using System.Net;
using VpcPeering.Cidrs;
using VpcPeering.Evaluation;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

/// <summary>
/// NACLs are stateless: for traffic into side D on the requested ports, D's subnets must let it in and let the
/// replies (ephemeral ports) out, and the peer's subnets must let it out and the replies in.
/// </summary>
internal static class NetworkAclPlanner
{
    public static (IReadOnlyList<NetworkAclFinding> Findings, IReadOnlyList<NetworkAclEntryChange> Entries) Plan(PlanningContext context)
    {
        var findings = new List<NetworkAclFinding>();
        var entries = new List<NetworkAclEntryChange>();
        // One ACL can be planned from both directions (ports into each side); entries planned in one must be seen by the
        // other, or both would take the same free rule number.
        var working = new Dictionary<string, NetworkAcl>(StringComparer.Ordinal);
        foreach (var destination in new[] { Side.Requester, Side.Accepter })
        {
            var ports = context.Request.PortsInto(destination);
            if (ports.Count == 0)
            {
                continue;
            }

            var source = destination.Peer();
            PlanSide(context, destination, context.RoutedBlocks(source), ports, isDestination: true, findings, entries, working);
            PlanSide(context, source, context.RoutedBlocks(destination), ports, isDestination: false, findings, entries, working);
        }

        return (findings.Distinct().ToList(), entries);
    }

    private static void PlanSide(
        PlanningContext context,
        Side side,
        CidrSet remote,
        IReadOnlyList<PortSpec> ports,
        bool isDestination,
        List<NetworkAclFinding> findings,
        List<NetworkAclEntryChange> entries,
        Dictionary<string, NetworkAcl> working)
    {
        var vpc = context.Snapshot[side];
        var families = vpc.Vpc.AllCidrBlocks.Select(block => Cidr.Parse(block).IsIpv4()).ToHashSet();
        var acls = context.PeeredSubnets(side)
            .GroupBy(subnet => vpc.NetworkAclFor(subnet.SubnetId))
            .Where(group => group.Key is not null);
        foreach (var subnets in acls)
        {
            var original = subnets.Key!;
            var subnetIds = subnets.Select(subnet => subnet.SubnetId).ToList();
            foreach (var spec in ports)
            {
                foreach (var block in remote.Blocks.Where(block => families.Contains(block.IsIpv4())))
                {
                    // Forward packets enter the destination and leave the source; replies the other way round.
                    var forward = (Egress: !isDestination, Ports: ProtocolMatching.TrafficPorts(spec), IsReturn: false);
                    var reply = (Egress: isDestination, Ports: ProtocolMatching.ReturnPorts(spec, PortSpec.EphemeralPorts), IsReturn: true);
                    foreach (var (egress, range, isReturn) in new[] { forward, reply })
                    {
                        var remoteSet = CidrSet.Of(block);
                        var now = NetworkAclEvaluator.Evaluate(original, egress, spec.Protocol, range, remoteSet);
                        if (!now.Allowed)
                        {
                            findings.Add(new NetworkAclFinding(side, original.NetworkAclId, subnetIds, egress, spec.Protocol, range,
                                block.ToString(), now.BlockingRule, isReturn));
                        }

                        var current = working.GetValueOrDefault(original.NetworkAclId, original);
                        var planned = NetworkAclEvaluator.Evaluate(current, egress, spec.Protocol, range, remoteSet);
                        if (context.Request.NetworkAcls == NetworkAclMode.Update && !planned.Allowed
                            && AllowEntry(context, current, planned, egress, spec.Protocol, range, block) is { } entry)
                        {
                            entries.Add(new NetworkAclEntryChange(side, original.NetworkAclId, entry));
                            working[original.NetworkAclId] = current with { Entries = [.. current.Entries, entry] };
                        }
                    }
                }
            }
        }
    }

    /// <summary>An allow entry numbered just below the blocking entry, so that it is evaluated first.</summary>
    private static NetworkAclEntry? AllowEntry(
        PlanningContext context, NetworkAcl acl, NetworkAclDecision decision, bool egress, IpProtocol protocol, PortRange ports,
            IPNetwork block)
    {
        var below = decision.BlockingEntry?.RuleNumber ?? NetworkAcl.DefaultRuleNumber;
        var taken = acl.Entries.Where(entry => entry.Egress == egress).Select(entry => entry.RuleNumber).ToHashSet();
        var number = below - 1;
        while (number > 0 && taken.Contains(number))
        {
            number--;
        }

        if (number == 0)
        {
            context.Problems.Add("$.networkAcls", $"{acl.NetworkAclId} has no free rule number below {below}",
                "free a rule number there, or \"networkAcls\": \"verify\" and fix the NACL by hand");
            return null;
        }

        var hasPorts = protocol.HasPorts();
        return new NetworkAclEntry(number, egress, protocol.ToEc2(), hasPorts ? ports.From : null, hasPorts ? ports.To : null,
            block.ToString(), NetworkAclAction.Allow);
    }
}
