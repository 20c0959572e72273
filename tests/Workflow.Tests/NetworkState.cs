using Amazon.EC2.Model;

namespace Workflow.Tests;

/// <summary>
/// Everything the workflow may change in a VPC — every route of every table (with its state), every security-group rule,
/// every NACL entry and NACL tag — as sorted lines, so "exactly as before" is one string comparison with a readable diff.
/// </summary>
internal static class NetworkState
{
    /// <summary>The requester's <c>app</c> and the accepter's <c>data</c> VPC, the two-account topologies' pair.</summary>
    public static async Task<string> OfAppAndDataAsync(WorkflowCloud cloud) =>
        await OfAsync(cloud, Scenarios.Requester, cloud.Topology["app"]) + "\n--\n" + await OfAsync(cloud, Scenarios.Accepter, cloud.Topology["data"]);

    public static async Task<string> OfAsync(WorkflowCloud cloud, string account, string vpcId)
    {
        var ec2 = new NetworkReads(cloud, account).Ec2;
        List<Filter> inVpc = [new("vpc-id", [vpcId])];
        var lines = new List<string>();
        foreach (var table in (await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = inVpc })).RouteTables ?? [])
        {
            lines.AddRange((table.Routes ?? []).Select(r => $"route {table.RouteTableId} {r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock} -> "
                + $"{r.GatewayId}{r.NatGatewayId}{r.VpcPeeringConnectionId} {r.State?.Value}"));
        }

        foreach (var group in (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = inVpc })).SecurityGroups ?? [])
        {
            lines.AddRange(Rules(group.GroupId, "ingress", group.IpPermissions));
            lines.AddRange(Rules(group.GroupId, "egress", group.IpPermissionsEgress));
        }

        foreach (var acl in (await ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = inVpc })).NetworkAcls ?? [])
        {
            lines.AddRange((acl.Entries ?? []).Select(e => $"nacl {acl.NetworkAclId} {(e.Egress == true ? "egress" : "ingress")} #{e.RuleNumber} "
                + $"{e.Protocol} {e.PortRange?.From}-{e.PortRange?.To} {e.CidrBlock}{e.Ipv6CidrBlock} {e.RuleAction?.Value}"));
            lines.AddRange((acl.Tags ?? []).Select(t => $"nacl-tag {acl.NetworkAclId} {t.Key}={t.Value}"));
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Rules(string groupId, string direction, List<IpPermission>? permissions) =>
        (permissions ?? []).SelectMany(p =>
            (p.Ipv4Ranges ?? []).Select(r => $"{r.CidrIp} \"{r.Description}\"")
                .Concat((p.Ipv6Ranges ?? []).Select(r => $"{r.CidrIpv6} \"{r.Description}\""))
                .Concat((p.UserIdGroupPairs ?? []).Select(g => $"{g.UserId}/{g.GroupId} \"{g.Description}\""))
                .Select(source => $"sg {groupId} {direction} {p.IpProtocol} {p.FromPort}-{p.ToPort} {source}"));
}
