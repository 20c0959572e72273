using System.Security.Cryptography;
using System.Text;

namespace LocalCloud.Iam;

/// <summary>An IAM role: who may assume it (trust policy) and what it may do (identity policies).</summary>
public sealed record IamRole(
    string AccountId,
    string RoleName,
    string AssumeRolePolicyDocument,
    IReadOnlyList<IamPolicy> Policies,
    string Path = "/")
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The role's ARN, <c>arn:aws:iam::ACCOUNT:role/PATH/NAME</c>.</summary>
    public string Arn => $"arn:aws:iam::{AccountId}:role{Path}{RoleName}";

    /// <summary>The longest session AssumeRole may grant, in seconds (IAM's default is one hour; at most 12 hours).</summary>
    public int MaxSessionDuration { get; init; } = 3600;

    /// <summary>The stable unique id IAM gives the role (<c>AROA…</c>), derived from its ARN so it survives restarts.</summary>
    public string RoleId => RoleIdFor(Arn);

    /// <summary>The role id for a role ARN (a deterministic <c>AROA</c> + 17 characters).</summary>
    public static string RoleIdFor(string roleArn)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(roleArn));
        var id = new StringBuilder("AROA", 21);
        for (var i = 0; i < 17; i++)
        {
            id.Append(Base32[hash[i] % Base32.Length]);
        }

        return id.ToString();
    }
}
