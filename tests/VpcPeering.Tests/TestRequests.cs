using VpcPeering.Requests;

namespace VpcPeering.Tests;

/// <summary>Request JSON for tests: a valid base that each test changes in one place.</summary>
internal static class TestRequests
{
    public const string Valid = """
        {
          "requestId": "req-1",
          "requester": { "vpcId": "vpc-11111111", "region": "us-east-1", "accountId": "111111111111" },
          "accepter": { "vpcId": "vpc-22222222", "region": "us-east-1", "accountId": "222222222222" },
          "securityGroups": [ { "side": "accepter", "defaultGroup": true, "ports": ["tcp/443"] } ]
        }
        """;

    public static PeeringRequest Parse(string json) => PeeringRequestReader.Read(json).GetValueOrThrow();

    /// <summary>The valid request with its security groups replaced (raw JSON array) and other top-level properties added.</summary>
    public static PeeringRequest With(string securityGroups = """[ { "side": "accepter", "defaultGroup": true, "ports": ["tcp/443"] } ]""", string extra = "") =>
        Parse($$"""
            {
              "requester": { "vpcId": "vpc-11111111", "region": "us-east-1", "accountId": "111111111111" },
              "accepter": { "vpcId": "vpc-22222222", "region": "us-east-1", "accountId": "222222222222" },
              "securityGroups": {{securityGroups}}{{(extra.Length > 0 ? "," : "")}}
              {{extra}}
            }
            """);
}
