namespace LocalCloud.Core;

/// <summary>Who made a call: an account root user or an assumed role session.</summary>
/// <param name="AccountId">The 12-digit account the caller acts in.</param>
/// <param name="Arn">The caller's ARN as GetCallerIdentity reports it
/// (<c>arn:aws:iam::111111111111:root</c> or <c>arn:aws:sts::111111111111:assumed-role/Name/session</c>).</param>
/// <param name="RoleArn">The IAM role ARN when the caller acts through an assumed role; otherwise null.</param>
/// <param name="AccessKeyId">The access key id the request was signed with.</param>
public sealed record AwsPrincipal(string AccountId, string Arn, string? RoleArn, string AccessKeyId)
{
    /// <summary>The account's root identity, as used by a plain 12-digit access key id.</summary>
    public static AwsPrincipal Root(string accountId) => new(accountId, $"arn:aws:iam::{accountId}:root", null, accountId);
}
