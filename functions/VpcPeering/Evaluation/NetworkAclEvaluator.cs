using VpcPeering.Cidrs;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Evaluation;

/// <summary>
/// NACL semantics: entries in rule-number order, the first entry matching a packet decides, unmatched packets are denied.
/// </summary>
public static class NetworkAclEvaluator
{
    /// <summary>Whether every packet of the traffic to/from <paramref name="remote"/> is allowed in one direction.</summary>
    /// <param name="egress">True for traffic leaving the subnet (entries with the egress flag), false for entering.</param>
    /// <param name="ports">Destination ports of the packets.</param>
    public static NetworkAclDecision Evaluate(NetworkAcl acl, bool egress, IpProtocol protocol, PortRange ports, CidrSet remote)
    {
        var undecided = TrafficSpace.Of(remote, ports);
        foreach (var entry in acl.Entries.Where(entry => entry.Egress == egress).OrderBy(entry => entry.RuleNumber))
        {
            if (undecided.IsEmpty)
            {
                break;
            }

            var entryProtocol = IpProtocols.FromEc2(entry.Protocol);
            var match = ProtocolMatching.Match(entryProtocol, protocol);
            if (match == ProtocolMatch.None || !Cidr.TryParse(entry.Cidr, out var block, out _))
            {
                continue;
            }

            var entryPorts = ProtocolMatching.RulePorts(entryProtocol, entry.FromPort, entry.ToPort);
            if (!undecided.Overlaps(block, entryPorts))
            {
                continue;
            }

            if (entry.Action == NetworkAclAction.Deny)
            {
                return new NetworkAclDecision(false, entry);
            }

            if (match == ProtocolMatch.Full)
            {
                undecided = undecided.Subtract(block, entryPorts);
            }
        }

        return undecided.IsEmpty
            ? new NetworkAclDecision(true, null)
            : new NetworkAclDecision(false, acl.Entries.FirstOrDefault(entry => entry.Egress == egress
                && entry.RuleNumber >= NetworkAcl.DefaultRuleNumber));
    }
}
