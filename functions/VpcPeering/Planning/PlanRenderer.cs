using System.Text;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

/// <summary>
/// Renders a plan as a terraform-like diff: <c>+</c> to add, <c>=</c> already present, <c>!</c> in the way,
/// <c>~</c> an option to change, <c>#</c> a note.
/// </summary>
public static class PlanRenderer
{
    public static string Render(PeeringPlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine($"peering {plan.PeeringConnectionId}: requester {plan.RequesterVpcId} <-> accepter {plan.AccepterVpcId}");
        foreach (var overlap in plan.Overlaps)
        {
            text.AppendLine($"! overlap requester {overlap.RequesterCidr} overlaps accepter {overlap.AccepterCidr} "
                + "(VPCs with overlapping blocks cannot peer)");
        }

        foreach (var problem in plan.Problems)
        {
            text.AppendLine($"! problem {problem}");
        }

        foreach (var route in plan.Routes)
        {
            text.AppendLine(route.Kind switch
            {
                ChangeKind.Add => $"+ route {route.RouteTableId} {route.DestinationCidr} -> {plan.PeeringConnectionId}",
                ChangeKind.Present
                    => $"= route {route.RouteTableId} {route.DestinationCidr} -> {plan.PeeringConnectionId} (already present)",
                _ => $"! conflict route {route.RouteTableId} {route.DestinationCidr} -> {route.ExistingTarget} (exists; not replaced)",
            });
        }

        foreach (var change in plan.SecurityGroupRules)
        {
            var rule = $"sg-rule {change.GroupId} ingress {change.Rule.PortText} from {string.Join(", ", change.Rule.Peers)}";
            text.AppendLine(change.Kind == ChangeKind.Add
                ? $"+ {rule} \"{change.Rule.Description}\""
                : $"= {rule} (already allowed)");
        }

        foreach (var finding in plan.NetworkAclFindings)
        {
            var direction = finding.Egress ? "outbound" : "inbound";
            var preposition = finding.Egress ? "to" : "from";
            var reply = finding.IsReturnPath ? " (return path)" : "";
            text.AppendLine($"! nacl {finding.NetworkAclId} {direction} rule {finding.BlockingRule} denies "
                + $"{finding.Protocol.Describe(finding.Ports)} {preposition} {finding.RemoteCidr}{reply} "
                + $"for {string.Join(", ", finding.SubnetIds)}");
        }

        foreach (var change in plan.NetworkAclEntries)
        {
            var entry = change.Entry;
            var ports = entry.FromPort is { } from ? new PortRange(from, entry.ToPort ?? from) : PortRange.All;
            text.AppendLine($"+ nacl {change.NetworkAclId} {(entry.Egress ? "outbound" : "inbound")} rule {entry.RuleNumber} allow "
                + $"{IpProtocols.FromEc2(entry.Protocol).Describe(ports)} {(entry.Egress ? "to" : "from")} {entry.Cidr}");
        }

        foreach (var dns in plan.Dns)
        {
            var value = dns.AllowDnsResolutionFromRemoteVpc ? "true" : "false";
            text.AppendLine($"~ dns {dns.Side.Name()} allowDnsResolutionFromRemoteVpc -> {value}");
        }

        foreach (var note in plan.Notes)
        {
            text.AppendLine($"# {note}");
        }

        text.Append(Summary(plan));
        return text.ToString();
    }

    private static string Summary(PeeringPlan plan)
    {
        var adds = plan.Routes.Count(route => route.Kind == ChangeKind.Add)
            + plan.SecurityGroupRules.Count(rule => rule.Kind == ChangeKind.Add)
            + plan.NetworkAclEntries.Count;
        var present = plan.Routes.Count(route => route.Kind == ChangeKind.Present)
            + plan.SecurityGroupRules.Count(rule => rule.Kind == ChangeKind.Present);
        var blockers = plan.Overlaps.Count + plan.Problems.Count + plan.RouteConflicts.Count();
        return $"Plan: {adds} to add, {plan.Dns.Count} to change, {present} already present, {blockers} blocking, "
            + $"{plan.NetworkAclFindings.Count} NACL finding(s).{Environment.NewLine}";
    }
}
