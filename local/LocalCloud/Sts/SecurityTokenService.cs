using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using LocalCloud.Core;
using LocalCloud.Hosting;
using LocalCloud.Iam;

namespace LocalCloud.Sts;

/// <summary>The parameters of AssumeRole (STS API reference, AssumeRole).</summary>
/// <param name="RoleArn">The role to assume.</param>
/// <param name="RoleSessionName">The session name that appears in the assumed-role ARN.</param>
/// <param name="DurationSeconds">Session length, 900 up to the role's MaxSessionDuration; one hour when omitted.</param>
/// <param name="ExternalId">The external id checked by an <c>sts:ExternalId</c> trust-policy condition.</param>
public sealed record AssumeRoleInput(string RoleArn, string RoleSessionName, int? DurationSeconds = null, string? ExternalId = null);

/// <summary>The temporary credentials AssumeRole returned and the identity they act as.</summary>
/// <param name="Credentials">Access key id, secret, session token and expiration, already accepted by the cloud.</param>
/// <param name="AssumedRoleArn"><c>arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION</c>.</param>
/// <param name="AssumedRoleId"><c>ROLEID:SESSION</c>.</param>
public sealed record AssumedRoleSession(IssuedCredentials Credentials, string AssumedRoleArn, string AssumedRoleId)
{
    /// <summary>When the credentials stop working (cloud time).</summary>
    public DateTimeOffset Expiration => Credentials.Expiration ?? DateTimeOffset.MaxValue;
}

/// <summary>What GetCallerIdentity answers.</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId);

/// <summary>
/// The STS state model: evaluates role trust policies, issues temporary credentials that act as the role,
/// and reports caller identities. Errors are <see cref="AwsServiceException"/>s spelled as STS spells them.
/// </summary>
public sealed partial class SecurityTokenService(IamRoleStore iam, CredentialStore credentials, TimeProvider time)
{
    /// <summary>The shortest session AssumeRole grants, in seconds.</summary>
    public const int MinDurationSeconds = 900;

    /// <summary>The longest session any role can grant (12 hours).</summary>
    public const int MaxDurationSeconds = 43200;

    /// <summary>The session limit for role chaining (a role session assuming a role).</summary>
    public const int RoleChainingLimitSeconds = 3600;

    private long _sessions;

    /// <summary>AssumeRole for an authenticated caller.</summary>
    public AssumedRoleSession AssumeRole(AwsPrincipal caller, AssumeRoleInput input)
    {
        Validate(input);
        var context = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:PrincipalAccount"] = caller.AccountId,
            ["aws:PrincipalArn"] = caller.RoleArn ?? caller.Arn,
            ["sts:RoleSessionName"] = input.RoleSessionName,
        };
        if (input.ExternalId is not null)
        {
            context["sts:ExternalId"] = input.ExternalId;
        }

        var role = Authorize(PolicyPrincipal.ForCaller(caller), caller.Arn, input.RoleArn, context);
        if (!iam.Permits(caller, "sts:AssumeRole", role.Arn))
        {
            throw NotAuthorized(caller.Arn, input.RoleArn);
        }

        var limit = caller.RoleArn is null ? role.MaxSessionDuration : Math.Min(role.MaxSessionDuration, RoleChainingLimitSeconds);
        var duration = input.DurationSeconds ?? Math.Min(RoleChainingLimitSeconds, limit);
        if (duration > limit)
        {
            throw new AwsServiceException("ValidationError", caller.RoleArn is null
                ? "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."
                : "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        return Issue(role, input.RoleSessionName, duration);
    }

    /// <summary>
    /// AssumeRole on behalf of an AWS service principal (Lambda or Step Functions running with an execution role):
    /// the role's trust policy must allow <paramref name="servicePrincipal"/>, e.g. <c>lambda.amazonaws.com</c>.
    /// </summary>
    public AssumedRoleSession AssumeRoleAsService(
        string servicePrincipal, string roleArn, string sessionName, IReadOnlyDictionary<string, string>? context = null)
    {
        var role = Authorize(PolicyPrincipal.ForService(servicePrincipal), servicePrincipal, roleArn, context);
        return Issue(role, sessionName, Math.Min(RoleChainingLimitSeconds, role.MaxSessionDuration));
    }

    /// <summary>GetCallerIdentity: account, ARN and user id of the caller.</summary>
    public static CallerIdentity GetCallerIdentity(AwsPrincipal caller)
    {
        if (caller.RoleArn is null)
        {
            return new CallerIdentity(caller.AccountId, caller.Arn, caller.AccountId);
        }

        var session = caller.Arn[(caller.Arn.LastIndexOf('/') + 1)..];
        return new CallerIdentity(caller.AccountId, caller.Arn, $"{IamRole.RoleIdFor(caller.RoleArn)}:{session}");
    }

    private IamRole Authorize(PolicyPrincipal principal, string callerName, string roleArn, IReadOnlyDictionary<string, string>? context)
    {
        var role = iam.Find(roleArn);
        if (role is null)
        {
            throw NotAuthorized(callerName, roleArn);
        }

        PolicyDocument trust;
        try
        {
            trust = PolicyDocument.Parse(role.AssumeRolePolicyDocument);
        }
        catch (FormatException)
        {
            throw NotAuthorized(callerName, roleArn);
        }

        var decision = PolicyEvaluator.EvaluateResourcePolicy(trust, principal, "sts:AssumeRole", role.Arn, context);
        return decision == PolicyDecision.Allow ? role : throw NotAuthorized(callerName, roleArn);
    }

    private AssumedRoleSession Issue(IamRole role, string sessionName, int durationSeconds)
    {
        var n = Interlocked.Increment(ref _sessions);
        var seed = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{role.Arn}/{sessionName}/{n}")));
        var accessKeyId = "ASIA" + Convert.ToHexString(seed, 0, 8);
        var secret = Convert.ToBase64String(SHA256.HashData(seed))[..40];
        var token = "IQoJb3JpZ2luX2VjE" + Convert.ToBase64String(SHA512.HashData(seed));
        var arn = $"arn:aws:sts::{role.AccountId}:assumed-role/{role.RoleName}/{sessionName}";
        var expiration = TruncateToSeconds(time.GetUtcNow().AddSeconds(durationSeconds));
        var issued = new IssuedCredentials(
            accessKeyId, secret, token, new AwsPrincipal(role.AccountId, arn, role.Arn, accessKeyId), expiration);
        credentials.Register(issued);
        return new AssumedRoleSession(issued, arn, $"{role.RoleId}:{sessionName}");
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    private static void Validate(AssumeRoleInput input)
    {
        if (input.RoleArn.Length < 20)
        {
            throw Constraint(input.RoleArn, "roleArn", "Member must have length greater than or equal to 20");
        }

        if (input.RoleSessionName.Length is < 2 or > 64)
        {
            throw Constraint(input.RoleSessionName, "roleSessionName", input.RoleSessionName.Length < 2
                ? "Member must have length greater than or equal to 2"
                : "Member must have length less than or equal to 64");
        }

        if (!SessionNamePattern().IsMatch(input.RoleSessionName))
        {
            throw Constraint(input.RoleSessionName, "roleSessionName", @"Member must satisfy regular expression pattern: [\w+=,.@-]*");
        }

        if (input.DurationSeconds is { } duration and (< MinDurationSeconds or > MaxDurationSeconds))
        {
            throw Constraint(duration.ToString(CultureInfo.InvariantCulture), "durationSeconds", duration < MinDurationSeconds
                ? "Member must have value greater than or equal to 900"
                : "Member must have value less than or equal to 43200");
        }

        if (input.ExternalId is { } externalId && (externalId.Length is < 2 or > 1224 || !ExternalIdPattern().IsMatch(externalId)))
        {
            throw Constraint(externalId, "externalId", externalId.Length < 2
                ? "Member must have length greater than or equal to 2"
                : @"Member must satisfy regular expression pattern: [\w+=,.@:\/-]*");
        }
    }

    private static AwsServiceException Constraint(string value, string member, string constraint) =>
        new("ValidationError", $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    private static AwsServiceException NotAuthorized(string caller, string roleArn) =>
        new("AccessDenied", $"User: {caller} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);

    [GeneratedRegex(@"^[\w+=,.@-]*$")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex(@"^[\w+=,.@:\/-]*$")]
    private static partial Regex ExternalIdPattern();
}
