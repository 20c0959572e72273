using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Requests;

public class PeeringRequestReaderTests
{
    [Fact]
    public void A_valid_request_reads_into_typed_records()
    {
        var request = TestRequests.Parse(TestRequests.Valid);

        Assert.Equal("vpc-22222222", request.Accepter.VpcId);
        Assert.Equal(Side.Accepter, request.SecurityGroups[0].Side);
        Assert.Equal([PortSpec.Tcp(443)], request.SecurityGroups[0].Ports);
    }

    [Fact]
    public void Omitted_options_take_safe_defaults()
    {
        var request = TestRequests.Parse(TestRequests.Valid);

        Assert.Equal(RouteOptions.Default, request.Routes);
        Assert.Equal(NetworkAclMode.Verify, request.NetworkAcls);
        Assert.Equal(DnsOptions.None, request.Dns);
        Assert.False(request.DryRun);
        Assert.False(request.AllowAllTraffic);
    }

    [Fact]
    public void Malformed_json_is_one_problem_with_line_and_column()
    {
        var result = PeeringRequestReader.Read("{\n  \"requester\": {\n    \"vpcId\": \"vpc-11111111\",,\n  }\n}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$", problem.Path);
        Assert.Contains("line 3, column", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_a_problem_not_an_exception()
    {
        var result = PeeringRequestReader.Read("[1, 2]");

        Assert.Equal("$", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = PeeringRequestReader.Read("""
            { "requester": { "vpcId": "vpc-1", "region": "mars-1" }, "accepter": { "vpcId": "vpc-22222222", "region": "us-east-1" } }
            """);

        Assert.Equal(["$.requester.vpcId", "$.requester.region", "$.accepter.accountId"], result.Problems.Select(problem => problem.Path));
    }

    [Fact]
    public void A_wrong_json_type_does_not_hide_the_other_problems()
    {
        var result = PeeringRequestReader.Read("""
            { "dryRun": "yes", "requester": { "vpcId": "vpc-11111111", "region": "us-east-1" },
              "accepter": { "vpcId": "vpc-2", "region": "us-east-1", "accountId": "222222222222" } }
            """);

        Assert.Contains(result.Problems, problem => problem.Path == "$.dryRun" && problem.Expected == "true or false");
        Assert.Contains(result.Problems, problem => problem.Path == "$.accepter.vpcId");
    }

    [Fact]
    public void An_unknown_property_is_reported_at_its_path()
    {
        var result = PeeringRequestReader.Read(TestRequests.Valid.Replace("\"requestId\"", "\"requestID\"", StringComparison.Ordinal));

        Assert.Equal("$.requestID", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Host_bits_are_reported_with_the_network_address_as_the_fix()
    {
        var result = PeeringRequestReader.Read(TestRequests.Valid.Replace("\"requestId\": \"req-1\"",
            "\"routes\": { \"exclude\": [\"10.2.3.4/16\"] }", StringComparison.Ordinal));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$.routes.exclude[0]", problem.Path);
        Assert.Contains("10.2.0.0/16", problem.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void All_traffic_is_accepted_with_the_explicit_flag()
    {
        var request = TestRequests.With("""[ { "side": "accepter", "defaultGroup": true, "ports": ["all"] } ]""",
            "\"allowAllTraffic\": true");

        Assert.Equal([PortSpec.AllTraffic], request.SecurityGroups[0].Ports);
    }

    [Fact]
    public void A_protocol_with_bare_ports_reads_as_port_specs()
    {
        var request = TestRequests.With("""[ { "side": "requester", "tags": { "app": "db" }, "protocol": "tcp", "ports": ["5432", "8000-8100"] } ]""");

        Assert.Equal([PortSpec.Tcp(5432), new PortSpec(IpProtocol.Tcp, 8000, 8100)], request.SecurityGroups[0].Ports);
    }

    [Fact]
    public void Icmp_protocol_needs_no_ports()
    {
        var request = TestRequests.With("""[ { "side": "requester", "defaultGroup": true, "protocol": "icmp" } ]""");

        Assert.Equal([PortSpec.Icmp], request.SecurityGroups[0].Ports);
    }

    [Fact]
    public void Route_table_tag_filters_and_id_lists_are_read()
    {
        var request = TestRequests.With(extra: """
            "routes": { "requesterRouteTables": { "tags": { "tier": "private" } }, "accepterRouteTables": ["rtb-0123456789abcdef0"] }
            """);

        Assert.Equal("private", Assert.IsType<RouteTableSelection.ByTags>(request.Routes.RequesterRouteTables).Tags["tier"]);
        Assert.Equal(["rtb-0123456789abcdef0"], Assert.IsType<RouteTableSelection.ByIds>(request.Routes.AccepterRouteTables).RouteTableIds);
    }

    [Fact]
    public void Invalid_request_becomes_a_named_exception_listing_every_problem()
    {
        var result = PeeringRequestReader.Read("""{ "requester": { "vpcId": "vpc-1", "region": "us-east-1" } }""");

        var exception = Assert.Throws<InvalidPeeringRequestException>(result.GetValueOrThrow);
        Assert.Equal(2, exception.Problems.Count);
        Assert.Contains("$.requester.vpcId", exception.Message, StringComparison.Ordinal);
        Assert.Contains("$.accepter", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("eu-west-2")]
    [InlineData("ap-southeast-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("cn-north-1")]
    [InlineData("eu-central-2")]
    public void Region_names_of_every_partition_are_accepted(string region) => Assert.True(AwsFormats.IsRegion(region));

    [Theory]
    [InlineData("vpc-0a1b2c3d", true)]
    [InlineData("vpc-0a1b2c3d4e5f67890", true)]
    [InlineData("vpc-0a1b2c3", false)]
    [InlineData("vpc-0A1B2C3D", false)]
    [InlineData("rtb-0a1b2c3d", false)]
    public void Vpc_ids_have_8_or_17_hex_digits(string id, bool valid) => Assert.Equal(valid, AwsFormats.IsVpcId(id));

    [Theory]
    [InlineData("sg-0a1b2c3d", true)]
    [InlineData("123456789012/sg-0a1b2c3d", true)]
    [InlineData("12345/sg-0a1b2c3d", false)]
    public void Group_references_may_name_the_peer_account(string reference, bool valid) =>
        Assert.Equal(valid, AwsFormats.IsGroupReference(reference));
}
