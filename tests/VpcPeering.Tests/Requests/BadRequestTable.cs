using System.Text.Json.Nodes;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Requests;

/// <summary>A full, valid request changed in one place per row; each row must produce a problem at the expected path.</summary>
public class BadRequestTable
{
    private const string Full = """
        {
          "requestId": "req-1",
          "name": "orders",
          "requester": { "vpcId": "vpc-11111111", "region": "us-east-1", "accountId": "111111111111" },
          "accepter": {
            "vpcId": "vpc-22222222", "region": "us-east-1", "accountId": "222222222222",
            "roleArn": "arn:aws:iam::222222222222:role/peering", "externalId": "ext-123"
          },
          "routes": { "requesterRouteTables": "all", "accepterRouteTables": ["rtb-22222222"], "cidrs": "all", "exclude": ["10.2.255.0/24"] },
          "securityGroups": [ { "side": "accepter", "groupIds": ["sg-22222222"], "ports": ["tcp/443", "icmp"], "description": "from orders" } ],
          "networkAcls": "verify",
          "dns": { "requesterResolvesAccepter": true, "accepterResolvesRequester": false },
          "dryRun": false
        }
        """;

    public static TheoryData<string, string?, string> Rows => new()
    {
        { "requester.vpcId", "\"vpc-123\"", "$.requester.vpcId" },
        { "requester.vpcId", "\"VPC-11111111\"", "$.requester.vpcId" },
        { "requester.vpcId", null, "$.requester.vpcId" },
        { "requester.region", "\"us-east\"", "$.requester.region" },
        { "requester.region", "\"US-EAST-1\"", "$.requester.region" },
        { "requester.accountId", "\"12345\"", "$.requester.accountId" },
        { "requester.accountId", "\"12345678901a\"", "$.requester.accountId" },
        { "requester.roleArn", "\"arn:aws:iam::111111111111:role/x\"", "$.requester.roleArn" },
        { "requester", null, "$.requester" },
        { "accepter.vpcId", "\"vpc-1111111111111111\"", "$.accepter.vpcId" },
        { "accepter.vpcId", "\"vpc-11111111\"", "$.accepter.vpcId" },
        { "accepter.vpcid", "\"vpc-22222222\"", "$.accepter.vpcid" },
        { "accepter.region", null, "$.accepter.region" },
        { "accepter.region", "\"eu-west-2a\"", "$.accepter.region" },
        { "accepter.accountId", null, "$.accepter.accountId" },
        { "accepter.roleArn", "\"arn:aws:iam::222222222222:user/bob\"", "$.accepter.roleArn" },
        { "accepter.roleArn", "\"arn:aws:iam::333333333333:role/peering\"", "$.accepter.roleArn" },
        { "accepter.externalId", "\"x\"", "$.accepter.externalId" },
        { "routes.requesterRouteTables", "[\"rtb-xyz\"]", "$.routes.requesterRouteTables[0]" },
        { "routes.requesterRouteTables", "\"some\"", "$.routes.requesterRouteTables" },
        { "routes.accepterRouteTables", "[]", "$.routes.accepterRouteTables" },
        { "routes.accepterRouteTables", "{\"tags\": {}}", "$.routes.accepterRouteTables.tags" },
        { "routes.cidrs", "[\"10.2.0.1/16\"]", "$.routes.cidrs[0]" },
        { "routes.cidrs", "[\"10.2.0.0/33\"]", "$.routes.cidrs[0]" },
        { "routes.cidrs", "[]", "$.routes.cidrs" },
        { "routes.exclude", "[\"not-a-cidr\"]", "$.routes.exclude[0]" },
        { "securityGroups", "\"tcp/443\"", "$.securityGroups" },
        { "securityGroups[0].side", "\"both\"", "$.securityGroups[0].side" },
        { "securityGroups[0].side", null, "$.securityGroups[0].side" },
        { "securityGroups[0].groupIds", "[\"sg-1\"]", "$.securityGroups[0].groupIds[0]" },
        { "securityGroups[0].tags", "{\"team\": \"a\"}", "$.securityGroups[0]" },
        { "securityGroups[0].ports", "[\"tcp/70000\"]", "$.securityGroups[0].ports[0]" },
        { "securityGroups[0].ports", "[\"tcp\"]", "$.securityGroups[0].ports[0]" },
        { "securityGroups[0].ports", "[\"icmp/8\"]", "$.securityGroups[0].ports[0]" },
        { "securityGroups[0].ports", "[\"all\"]", "$.securityGroups[0].ports[0]" },
        { "securityGroups[0].ports", "[\"http\"]", "$.securityGroups[0].ports[0]" },
        { "securityGroups[0].ports", "[\"tcp/500-400\"]", "$.securityGroups[0].ports[0]" },
        { "securityGroups[0].ports", null, "$.securityGroups[0].ports" },
        { "securityGroups[0].protocol", "\"sctp\"", "$.securityGroups[0].protocol" },
        { "securityGroups[0].description", "\"caf\u00e9 \u2603\"", "$.securityGroups[0].description" },
        { "securityGroups[0].peerGroupIds", "[\"sg-zz\"]", "$.securityGroups[0].peerGroupIds[0]" },
        { "networkAcls", "\"fix\"", "$.networkAcls" },
        { "dns.requesterResolvesAccepter", "\"yes\"", "$.dns.requesterResolvesAccepter" },
        { "dryRun", "1", "$.dryRun" },
        { "requestId", "\"has spaces\"", "$.requestId" },
        { "colour", "\"blue\"", "$.colour" },
    };

    [Fact]
    public void The_unchanged_request_is_valid() => Assert.Empty(PeeringRequestReader.Read(Full).Problems);

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_bad_value_is_reported_at_its_path(string where, string? value, string expectedPath)
    {
        var result = PeeringRequestReader.Read(Change(where, value));

        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, problem => problem.Path == expectedPath);
        Assert.All(result.Problems, problem => Assert.False(string.IsNullOrWhiteSpace(problem.Expected)));
    }

    /// <summary>Sets (or, with null, removes) the value at a dotted path such as <c>securityGroups[0].side</c>.</summary>
    private static string Change(string where, string? value)
    {
        var root = JsonNode.Parse(Full)!;
        var segments = where.Split('.');
        var parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = Step(parent, segment);
        }

        var last = segments[^1];
        if (value is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }

    private static JsonNode Step(JsonNode node, string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0
            ? node[segment]!
            : node[segment[..bracket]]![int.Parse(segment[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
    }
}
