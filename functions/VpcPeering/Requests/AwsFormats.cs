using System.Text.RegularExpressions;

namespace VpcPeering.Requests;

/// <summary>The shapes of AWS identifiers, each with the hint shown when a value does not fit.</summary>
public static partial class AwsFormats
{
    public const string AccountIdExpected = "a 12-digit AWS account id such as 123456789012";
    public const string RegionExpected = "a region name such as us-east-1, eu-west-2, ap-southeast-1, us-gov-west-1 or cn-north-1";
    public const string RoleArnExpected = "an IAM role ARN such as arn:aws:iam::123456789012:role/vpc-peering-accepter";

    /// <summary>What an id with the given prefix looks like, e.g. "vpc- followed by 8 or 17 lower-case hex digits".</summary>
    public static string IdExpected(string prefix)
        => $"{prefix}- followed by 8 or 17 lower-case hex digits, e.g. {prefix}-0a1b2c3d4e5f67890";

    public static bool IsId(string prefix, string value) =>
        value.StartsWith(prefix + "-", StringComparison.Ordinal) && HexSuffix().IsMatch(value.AsSpan(prefix.Length + 1));

    public static bool IsVpcId(string value) => IsId("vpc", value);

    public static bool IsRouteTableId(string value) => IsId("rtb", value);

    public static bool IsSecurityGroupId(string value) => IsId("sg", value);

    public static bool IsNetworkAclId(string value) => IsId("acl", value);

    public static bool IsPeeringConnectionId(string value) => IsId("pcx", value);

    /// <summary>A group id as security group rules reference peer groups: <c>sg-…</c> or <c>123456789012/sg-…</c>.</summary>
    public static bool IsGroupReference(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? IsSecurityGroupId(value) : IsAccountId(value[..slash]) && IsSecurityGroupId(value[(slash + 1)..]);
    }

    public static bool IsAccountId(string value) => AccountId().IsMatch(value);

    public static bool IsRegion(string value) => Region().IsMatch(value);

    public static bool IsRoleArn(string value) => RoleArn().IsMatch(value);

    /// <summary>The account id inside a role ARN, e.g. 123456789012 in arn:aws:iam::123456789012:role/x.</summary>
    public static string RoleArnAccount(string roleArn) => RoleArn().Match(roleArn).Groups["account"].Value;

    /// <summary>STS external ids: 2-1224 characters of letters, digits and <c>+=,.@:/-</c>.</summary>
    public static bool IsExternalId(string value) => ExternalId().IsMatch(value);

    /// <summary>Security group rule descriptions: up to 255 characters from EC2's allowed set.</summary>
    public static bool IsRuleDescription(string value) => RuleDescription().IsMatch(value);

    [GeneratedRegex("^([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex HexSuffix();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central)(east|west)?-\d{1,2}$")]
    private static partial Regex Region();

    [GeneratedRegex(@"^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::(?<account>\d{12}):role/([\w+=,.@-]+/)*[\w+=,.@-]{1,64}$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalId();

    [GeneratedRegex(@"^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]{0,255}$")]
    private static partial Regex RuleDescription();
}
