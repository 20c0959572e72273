using System.Collections.Concurrent;
using LocalCloud.Core;

namespace LocalCloud.Iam;

/// <summary>The roles of every account in the cloud, created by topology files and template deployments.</summary>
public sealed class IamRoleStore
{
    private readonly ConcurrentDictionary<string, IamRole> _rolesByArn = new(StringComparer.Ordinal);

    /// <summary>Creates or replaces a role (deployments are idempotent).</summary>
    public IamRole Put(IamRole role)
    {
        _rolesByArn[role.Arn] = role;
        return role;
    }

    /// <summary>The role with that ARN, or null.</summary>
    public IamRole? Find(string roleArn) => _rolesByArn.GetValueOrDefault(roleArn);

    /// <summary>The role with that ARN, or <c>NoSuchEntity</c> as IAM answers.</summary>
    public IamRole Get(string roleArn) =>
        Find(roleArn) ?? throw new AwsServiceException("NoSuchEntity", $"The role with name {roleArn} cannot be found.", 404);

    /// <summary>Every role of one account.</summary>
    public IReadOnlyList<IamRole> InAccount(string accountId) =>
        [.. _rolesByArn.Values.Where(r => r.AccountId == accountId).OrderBy(r => r.RoleName, StringComparer.Ordinal)];
}
