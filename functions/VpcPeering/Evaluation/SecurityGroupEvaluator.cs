using VpcPeering.Cidrs;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Evaluation;

/// <summary>Security group semantics: allow rules only, the union of every rule of every group decides.</summary>
public static class SecurityGroupEvaluator
{
    /// <summary>Whether the rules allow every packet of the traffic to/from <paramref name="remote"/>.</summary>
    /// <param name="remoteGroupIds">Groups of the remote end; a rule referencing one of them matches regardless of address.</param>
    public static bool Allows(
        IEnumerable<SecurityGroupRule> rules, IpProtocol protocol, PortRange ports, CidrSet remote, IReadOnlySet<string> remoteGroupIds)
    {
        var notAllowed = TrafficSpace.Of(remote, ports);
        foreach (var rule in rules)
        {
            var ruleProtocol = IpProtocols.FromEc2(rule.Protocol);
            if (ProtocolMatching.Match(ruleProtocol, protocol) != ProtocolMatch.Full)
            {
                continue;
            }

            var rulePorts = ProtocolMatching.RulePorts(ruleProtocol, rule.FromPort, rule.ToPort);
            if (rule.ReferencedGroupIds.Any(reference => remoteGroupIds.Contains(GroupIdOf(reference))))
            {
                notAllowed = notAllowed.Subtract(null, rulePorts);
            }

            foreach (var cidr in rule.Ipv4Cidrs.Concat(rule.Ipv6Cidrs))
            {
                if (Cidr.TryParse(cidr, out var block, out _))
                {
                    notAllowed = notAllowed.Subtract(block, rulePorts);
                }
            }
        }

        return notAllowed.IsEmpty;
    }

    /// <summary>The group id of a reference, without the <c>account/</c> prefix cross-account references carry.</summary>
    public static string GroupIdOf(string reference) => reference[(reference.IndexOf('/', StringComparison.Ordinal) + 1)..];
}
