using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalCloud.Core;
using LocalCloud.Hosting;
using LocalCloud.Sts;
using StatesLanguage;
using StatesLanguage.Tasks;

namespace LocalCloud.StepFunctions.Integrations;

/// <summary>
/// Who a Task acts as: the state machine's role, assumed by <c>states.amazonaws.com</c> (its trust policy must allow
/// that), then, when the state has <c>Credentials</c>, the given role assumed by that session (checked against the
/// target role's trust policy, as cross-account tasks are). A state machine without a role acts as its account.
/// </summary>
internal sealed partial class TaskPrincipals(EmulatedCloud cloud)
{
    private readonly ConcurrentDictionary<(string? Caller, string Role, string Session), AssumedRoleSession> _sessions = new();

    /// <summary>The credentials a task's service calls are signed with.</summary>
    public IssuedCredentials Resolve(TaskInvocation invocation)
    {
        var session = SessionName(invocation.ExecutionArn);
        var identity = invocation.RoleArn is { } role
            ? Assume(null, role, session, () => cloud.Sts.AssumeRoleAsService(StepFunctionsService.ServicePrincipal, role, session)).Credentials
            : cloud.Credentials.Resolve(invocation.AccountId)
                ?? throw new StatesErrorException(ErrorNames.TaskFailed, $"The account {invocation.AccountId} has no credentials.");
        if (invocation.Credentials is not JsonObject credentials)
        {
            return identity;
        }

        if (credentials["RoleArn"] is not JsonValue value || !value.TryGetValue<string>(out var target))
        {
            throw new StatesErrorException(ErrorNames.Runtime, $"The Credentials of the state '{invocation.StateName}' need a RoleArn string.");
        }

        var caller = identity.Principal;
        return Assume(caller.Arn, target, session, () => cloud.Sts.AssumeRole(caller, new AssumeRoleInput(target, session))).Credentials;
    }

    private AssumedRoleSession Assume(string? caller, string roleArn, string session, Func<AssumedRoleSession> assume)
    {
        var key = (caller, roleArn, session);
        if (_sessions.TryGetValue(key, out var cached) && cached.Expiration - cloud.Time.GetUtcNow() > TimeSpan.FromMinutes(5))
        {
            return cached;
        }

        try
        {
            return _sessions[key] = assume();
        }
        catch (AwsServiceException e)
        {
            throw new StatesErrorException(ErrorNames.TaskFailed,
                $"Step Functions could not assume the role {roleArn}: {e.Code}: {e.Message}");
        }
    }

    /// <summary>The execution name, cut to a valid role session name.</summary>
    private static string SessionName(string executionArn)
    {
        var name = InvalidSessionCharacters().Replace(executionArn[(executionArn.LastIndexOf(':') + 1)..], "-");
        name = name.Length > 64 ? name[..64] : name;
        return name.Length < 2 ? "states-" + name : name;
    }

    [GeneratedRegex(@"[^\w+=,.@-]", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidSessionCharacters();
}
