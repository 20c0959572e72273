using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>Where a stack is deployed: its name, account and region, and what follows from them.</summary>
/// <param name="StackName">The stack name, e.g. <c>vpc-peering</c>.</param>
/// <param name="AccountId">The 12-digit account id.</param>
/// <param name="Region">The region, e.g. <c>us-east-1</c>.</param>
public sealed record StackIdentity(string StackName, string AccountId, string Region)
{
    /// <summary><c>aws</c>, <c>aws-cn</c> or <c>aws-us-gov</c>, from the region.</summary>
    public string Partition => Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    /// <summary><c>amazonaws.com</c>, or <c>amazonaws.com.cn</c> in China regions.</summary>
    public string UrlSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

    /// <summary>The stack's ARN; its id part is derived from the account, region and name, so redeploys keep it.</summary>
    public string StackId => $"arn:{Partition}:cloudformation:{Region}:{AccountId}:stack/{StackName}/{StableGuid($"{AccountId}/{Region}/{StackName}")}";

    /// <summary>An ARN in this stack's partition, region and account (either may be overridden, e.g. IAM's empty region).</summary>
    public string Arn(string service, string resource, string? region = null, string? account = null) =>
        $"arn:{Partition}:{service}:{region ?? Region}:{account ?? AccountId}:{resource}";

    /// <summary>
    /// A physical name as CloudFormation generates one: <c>STACK-LOGICALID-SUFFIX</c>, cut to the type's limit, with a
    /// deterministic suffix so the same deployment always yields the same names.
    /// </summary>
    public string GenerateName(string logicalId, int maxLength)
    {
        var suffix = StableGuid($"{AccountId}/{Region}/{StackName}/{logicalId}").Replace("-", "", StringComparison.Ordinal)[..12].ToUpperInvariant();
        var prefix = $"{StackName}-{logicalId}";
        var room = maxLength - suffix.Length - 1;
        return $"{(prefix.Length > room ? prefix[..room] : prefix)}-{suffix}";
    }

    /// <summary>The values of the pseudo parameters (<c>AWS::AccountId</c>, <c>AWS::Region</c>, …).</summary>
    public IReadOnlyDictionary<string, JsonNode> PseudoParameters() => new Dictionary<string, JsonNode>(StringComparer.Ordinal)
    {
        ["AWS::AccountId"] = AccountId,
        ["AWS::Region"] = Region,
        ["AWS::Partition"] = Partition,
        ["AWS::StackName"] = StackName,
        ["AWS::StackId"] = StackId,
        ["AWS::URLSuffix"] = UrlSuffix,
        ["AWS::NotificationARNs"] = new JsonArray(),
    };

    private static string StableGuid(string seed) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString();
}
