using System.Text;
using System.Xml.Linq;
using Amazon.EC2.Model;
using LocalCloud.Core;
using LocalCloud.Ec2.Protocol;
using static LocalCloud.Tests.Ec2.Ec2TestCloud;

namespace LocalCloud.Tests.Ec2;

/// <summary>EC2 API Reference: "Query requests for Amazon EC2" and "Error codes for the Amazon EC2 API" (error response structure).</summary>
public sealed class WireProtocolTests : IDisposable
{
    private readonly Ec2TestCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Fact] // Error codes: InvalidAction — the action or operation is invalid
    public async Task An_unknown_action_is_answered_with_InvalidAction_in_the_ec2_error_shape()
    {
        var protocol = (Ec2QueryProtocol)_cloud.Cloud.Services["ec2"];
        var context = new AwsCallContext("ec2", East, AwsPrincipal.Root(Requester), "req-1", _cloud.Time.GetUtcNow());
        var request = new AwsServiceRequest("POST", "/", "", new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            Encoding.UTF8.GetBytes("Action=LaunchRockets&Version=2016-11-15"));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => protocol.HandleAsync(request, context, CancellationToken.None));
        var response = protocol.RenderError(error, context);

        var xml = XDocument.Parse(Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("InvalidAction", xml.Root!.Element("Errors")!.Element("Error")!.Element("Code")!.Value);
        Assert.Equal("req-1", xml.Root.Element("RequestID")!.Value);
    }

    [Fact] // Query requests: responses are in the 2016-11-15 namespace with a requestId
    public async Task Responses_carry_the_ec2_namespace_and_the_request_id()
    {
        var protocol = (Ec2QueryProtocol)_cloud.Cloud.Services["ec2"];
        var context = new AwsCallContext("ec2", East, AwsPrincipal.Root(Requester), "req-2", _cloud.Time.GetUtcNow());
        var request = new AwsServiceRequest("POST", "/", "", new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            Encoding.UTF8.GetBytes("Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0%2F16"));

        var response = await protocol.HandleAsync(request, context, CancellationToken.None);

        var xml = XDocument.Parse(Encoding.UTF8.GetString(response.Body.Span));
        XNamespace ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
        Assert.Equal(ns + "CreateVpcResponse", xml.Root!.Name);
        Assert.Equal("req-2", xml.Root.Element(ns + "requestId")!.Value);
        Assert.Equal("10.0.0.0/16", xml.Root.Element(ns + "vpc")!.Element(ns + "cidrBlock")!.Value);
    }

    [Fact] // Error codes: MissingParameter
    public async Task A_missing_required_parameter_is_MissingParameter()
    {
        await FailsAsync("MissingParameter", () => _cloud.Client().CreateVpcAsync(new CreateVpcRequest()));
        await FailsAsync("MissingParameter", () => _cloud.Client().CreateSubnetAsync(new CreateSubnetRequest { CidrBlock = "10.0.0.0/24" }));
    }

    [Fact] // Error codes: DryRunOperation
    public async Task DryRun_answers_DryRunOperation_and_changes_nothing()
    {
        await FailsAsync("DryRunOperation", () => _cloud.Client().CreateVpcAsync(new CreateVpcRequest { CidrBlock = "10.0.0.0/16", DryRun = true }));

        Assert.Empty((await _cloud.Client().DescribeVpcsAsync(new DescribeVpcsRequest())).Vpcs ?? []);
    }

    [Fact] // Error codes: InvalidSubnetID.Malformed, InvalidGroupId.Malformed, InvalidNetworkAclID.NotFound
    public async Task Malformed_and_unknown_ids_of_each_type_use_their_own_codes()
    {
        await FailsAsync("InvalidSubnetID.Malformed", () => _cloud.Client().DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = ["subnet-zz"] }));
        await FailsAsync("InvalidGroupId.Malformed", () => _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = ["sg-zz"] }));
        await FailsAsync("InvalidGroup.NotFound", () => _cloud.Client().DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { GroupIds = ["sg-0123456789abcdef0"] }));
        await FailsAsync("InvalidNetworkAclID.NotFound", () => _cloud.Client().DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { NetworkAclIds = ["acl-0123456789abcdef0"] }));
    }

    [Fact] // Ids are deterministic for a given seed, so tests and demos repeat
    public async Task The_same_calls_produce_the_same_ids()
    {
        using var other = new Ec2TestCloud();

        var a = await _cloud.CreateVpcAsync("10.0.0.0/16");
        var b = await other.CreateVpcAsync("10.0.0.0/16");

        Assert.Equal(a.VpcId, b.VpcId);
    }
}
