using System.Collections.Concurrent;
using System.Text.Json;
using LocalCloud.Core;

namespace LocalCloud.Iam;

/// <summary>The roles of every account in the cloud, created by topology files and template deployments.</summary>
public sealed class IamRoleStore : IStatefulService
{
    private static readonly JsonSerializerOptions StateJson = new() { WriteIndented = true };

    private readonly ConcurrentDictionary<string, IamRole> _rolesByArn = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string StateName => "iam";

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

    /// <summary>Every role of every account, ordered by ARN.</summary>
    public IReadOnlyList<IamRole> All => [.. _rolesByArn.Values.OrderBy(r => r.Arn, StringComparer.Ordinal)];

    /// <summary>
    /// Evaluates a role's identity policies for <paramref name="action"/> (e.g. <c>ec2:CreateRoute</c>) on
    /// <paramref name="resource"/> (an ARN or <c>*</c>). An unknown role is implicitly denied.
    /// </summary>
    public PolicyDecision Evaluate(string roleArn, string action, string resource, IReadOnlyDictionary<string, string>? context = null) =>
        Find(roleArn) is { } role
            ? PolicyEvaluator.Evaluate(role.Policies.Select(p => PolicyDocument.Parse(p.Document)), action, resource, context)
            : PolicyDecision.ImplicitDeny;

    /// <summary>
    /// Whether services check callers' identity policies (<see cref="Permits"/>) and STS checks a role session's
    /// <c>sts:AssumeRole</c> permission. Off by default, so scenarios without identity policies keep working.
    /// </summary>
    public bool EnforceIdentityPolicies { get; set; }

    /// <summary>
    /// Whether a caller may perform an action: always when <see cref="EnforceIdentityPolicies"/> is off or the caller
    /// is an account root; otherwise when its role's identity policies allow it (EC2 then answers <c>UnauthorizedOperation</c>).
    /// </summary>
    public bool Permits(AwsPrincipal caller, string action, string resource, IReadOnlyDictionary<string, string>? context = null) =>
        !EnforceIdentityPolicies || caller.RoleArn is null || IsAllowed(caller.RoleArn, action, resource, context);

    /// <summary>True when the role's identity policies allow the action on the resource.</summary>
    public bool IsAllowed(string roleArn, string action, string resource, IReadOnlyDictionary<string, string>? context = null) =>
        Evaluate(roleArn, action, resource, context) == PolicyDecision.Allow;

    /// <summary>Writes every role as JSON.</summary>
    public void Export(Stream destination) => JsonSerializer.Serialize(destination, All, StateJson);

    /// <summary>Replaces every role with those written by <see cref="Export"/>.</summary>
    public void Import(Stream source)
    {
        var roles = JsonSerializer.Deserialize<List<IamRole>>(source, StateJson) ?? [];
        _rolesByArn.Clear();
        foreach (var role in roles)
        {
            Put(role);
        }
    }
}
