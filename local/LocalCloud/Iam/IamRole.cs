namespace LocalCloud.Iam;

/// <summary>An IAM role: who may assume it (trust policy) and what it may do (identity policies).</summary>
public sealed record IamRole(
    string AccountId,
    string RoleName,
    string AssumeRolePolicyDocument,
    IReadOnlyList<IamPolicy> Policies,
    string Path = "/")
{
    /// <summary>The role's ARN, <c>arn:aws:iam::ACCOUNT:role/PATH/NAME</c>.</summary>
    public string Arn => $"arn:aws:iam::{AccountId}:role{Path}{RoleName}";
}
