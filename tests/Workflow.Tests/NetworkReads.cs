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

    public async Task<SecurityGroup> GroupAsync(string groupId) =>
        (await _ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = [groupId] })).SecurityGroups.Single();
}
