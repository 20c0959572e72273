using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using VpcPeering.Functions.Hosting;

namespace Workflow.Tests;

/// <summary>Reads the final EC2 state through the real SDK as an account root (these calls carry no role, so they never count as the product's).</summary>
internal sealed class NetworkReads(WorkflowCloud cloud, string account, string region = WorkflowCloud.Region)
{
    private readonly IAmazonEC2 _ec2 = new AwsClients(new AwsClientOptions
    {
        Credentials = new BasicAWSCredentials(account, "test"),
        HttpMessageHandler = cloud.Assembly.Cloud.CreateHttpMessageHandler,
        MaxErrorRetry = 0,
    }).Ec2(region);

    public IAmazonEC2 Ec2 => _ec2;

    public async Task<List<VpcPeeringConnection>> PeeringsAsync() =>
        (await _ec2.DescribeVpcPeeringConnectionsAsync(new DescribeVpcPeeringConnectionsRequest())).VpcPeeringConnections ?? [];

    /// <summary>The destinations routed through a peering connection, per route table id.</summary>
    public async Task<Dictionary<string, List<string>>> PeeringRoutesAsync(string vpcId)
    {
        var tables = await _ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest
        {
            Filters = [new Filter("vpc-id", [vpcId])],
        });
        return (tables.RouteTables ?? []).ToDictionary(t => t.RouteTableId, t => (t.Routes ?? [])
            .Where(r => r.VpcPeeringConnectionId is not null).Select(r => r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock).Order().ToList());
    }

    /// <summary>The VPC's NACL entries (<c>acl in|out #rule action cidr</c>) and tag keys (<c>acl tag key</c>), sorted.</summary>
    public async Task<List<string>> NetworkAclsAsync(string vpcId)
    {
        var acls = await _ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = [new Filter("vpc-id", [vpcId])] });
        return [.. (acls.NetworkAcls ?? []).SelectMany(acl => (acl.Entries ?? [])
                .Select(e => $"{acl.NetworkAclId} {(e.Egress == true ? "out" : "in")} #{e.RuleNumber} {e.RuleAction?.Value} "
                    + (e.CidrBlock ?? e.Ipv6CidrBlock))
                .Concat((acl.Tags ?? []).Select(t => $"{acl.NetworkAclId} tag {t.Key}")))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Ingress rules whose description carries the tool's marker (<c>group protocol/port source</c>), sorted.</summary>
    public async Task<List<string>> ManagedIngressAsync(string vpcId)
    {
        var groups = await _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
        {
            Filters = [new Filter("vpc-id", [vpcId])],
        });
        return [.. (groups.SecurityGroups ?? []).SelectMany(g => (g.IpPermissions ?? []).SelectMany(p =>
                (p.Ipv4Ranges ?? []).Select(r => (Source: r.CidrIp, r.Description))
                    .Concat((p.Ipv6Ranges ?? []).Select(r => (Source: r.CidrIpv6, r.Description)))
                    .Concat((p.UserIdGroupPairs ?? []).Select(r => (Source: r.GroupId, r.Description)))
                    .Where(r => r.Description?.Contains("[vpc-peering ", StringComparison.Ordinal) == true)
                    .Select(r => $"{g.GroupId} {p.IpProtocol}/{p.FromPort} {r.Source}")))
            .Order(StringComparer.Ordinal)];
    }

    public async Task<SecurityGroup> GroupAsync(string groupId) =>
        (await _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [groupId] })).SecurityGroups.Single();
}
