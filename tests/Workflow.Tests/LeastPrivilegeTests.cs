using LocalCloud.Iam;
using Xunit.Abstractions;

namespace Workflow.Tests;

/// <summary>
/// Issue 6's IAM contract for the function roles: every action a function calls in the scenarios is granted to its role,
/// and every action its role grants is called by that function in some scenario. The rules:
/// <list type="bullet">
/// <item>The contract covers EC2 actions and <c>sts:AssumeRole</c> (role mode: functions assume the partner's access role).
/// <c>sts:GetCallerIdentity</c> is outside it: AWS answers it without any permission.</item>
/// <item>Grants come from the roles the template deployed (Allow statements, the stack's managed policies included); calls come
/// from the cloud's request log, attributed to a function through its execution role. Nothing here names an action, so the
/// contract follows the handlers and the template as they change.</item>
/// <item>A function is one function in every account its stack is deployed to: a grant is used when that function's role calls it
/// in any account in any scenario. (The accepter account's Preflight role holds grants only a requester uses, and that is fine.)</item>
/// <item>Calls made through the partner's access role count for that role, not for the function that assumed it: the
/// function's own part is the <c>sts:AssumeRole</c>.</item>
/// <item>A grant conditioned on <c>ec2:CreateAction</c> authorizes tags given at creation (AWS evaluates them as
/// <c>ec2:CreateTags</c> during the create call), so it is used when the function calls that create action.</item>
/// </list>
/// </summary>
public sealed class LeastPrivilegeTests(LeastPrivilegeScenarios scenarios, ITestOutputHelper output)
    : IClassFixture<LeastPrivilegeScenarios>
{
    /// <summary>
    /// Grants whose only caller is a race the emulated cloud never produces: RequestPeering deletes its own peering when a concurrent
    /// execution created one for the pair between its describe and its create, but in-process calls complete without another
    /// invocation's calls in between. Listed by hand, with the reason; each must stay granted.
    /// </summary>
    private static readonly (string Function, string Action, string Why)[] OnlyARaceCalls =
    [
        ("RequestPeeringFunction", "ec2:DeleteVpcPeeringConnection",
            "deletes its duplicate when a concurrent execution created a peering first"),
    ];

    [WorkflowFact]
    public void Every_action_a_function_calls_in_the_scenarios_is_granted_to_its_role()
    {
        var missing = scenarios.Calls.Where(call => !call.Granted)
            .GroupBy(call => (call.Function, call.Action, call.Account), call => call.Scenario)
            .Select(group => $"{group.Key.Function} calls {group.Key.Action} in {group.Key.Account} but its role there does not grant it " +
                $"({string.Join(", ", group.Distinct())})")
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, "Called without a grant:\n" + string.Join("\n", missing));
    }

    [WorkflowFact]
    public void Every_action_granted_to_a_function_role_is_called_in_some_scenario()
    {
        var unused = scenarios.Grants
            .Where(grant => !scenarios.Calls.Any(call => call.Function == grant.Function && grant.IsExercisedBy(call.Action)))
            .Where(grant => !OnlyARaceCalls.Any(race => race.Function == grant.Function && race.Action == grant.Action))
            .Select(grant => $"{grant.Function}'s role grants {grant.Action} but no scenario calls it")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var stale = OnlyARaceCalls
            .Where(race => !scenarios.Grants.Any(grant => grant.Function == race.Function && grant.Action == race.Action))
            .Select(race => $"{race.Function} {race.Action} is listed as called only by a race, but its role no longer grants it")
            .Concat(OnlyARaceCalls
                .Where(race => scenarios.Calls.Any(call => call.Function == race.Function && call.Action == race.Action))
                .Select(race => $"{race.Function} {race.Action} is listed as called only by a race, but a scenario calls it: drop it from the list"));
        output.WriteLine("Granted, called only by a race:");
        output.WriteLine(string.Join("\n", OnlyARaceCalls.Select(race => $"{race.Function} {race.Action} ({race.Why})")));
        output.WriteLine("Partner access roles, for information (their grants are the partner's side of role mode, not a function's):");
        scenarios.UnusedAccessRoleGrants.ForEach(output.WriteLine);

        var problems = unused.Concat(stale).ToList();
        Assert.True(problems.Count == 0,
            "Granted but never called (add the scenario that calls it, or remove the grant):\n" + string.Join("\n", problems));
    }
}

/// <summary>An action a function called, where, and whether its role grants it.</summary>
public sealed record FunctionCall(string Scenario, string Account, string Function, string Action, bool Granted);

/// <summary>
/// An action a function's role grants and the calls that exercise it: the action itself, or the create actions its
/// <c>ec2:CreateAction</c> condition names.
/// </summary>
public sealed record FunctionGrant(string Function, string Action, IReadOnlyList<string> ExercisedBy)
{
    public bool IsExercisedBy(string calledAction) => ExercisedBy.Any(pattern => Wildcard.IsMatch(pattern, calledAction, ignoreCase: true));
}

/// <summary>
/// Runs every scenario the contract covers once for the test class and keeps what the clouds recorded: the happy paths, role mode
/// with NACL updates, DNS and teardown, a rollback after both sides were configured, an event-mode rejection, and a lost acceptance
/// request (sweeps, callback timeout, rollback).
/// </summary>
public sealed class LeastPrivilegeScenarios : IAsyncLifetime
{
    private static readonly (string Name, Func<Task<WorkflowCloud>> Run)[] Runs =
    [
        ("same account", async () => (await Scenarios.SameAccountAsync()).Cloud),
        ("role mode", async () => (await Scenarios.RoleModeAsync()).Cloud),
        ("event mode", async () => (await Scenarios.EventModeAsync()).Cloud),
        ("tag then untag", async () => (await Scenarios.TagThenUntagAsync()).Cloud),
        ("role mode configured then torn down", async () => (await Scenarios.RoleModeConfiguredThenTornDownAsync()).Cloud),
        ("role mode rolled back after configuring", async () => (await Scenarios.RoleModeRolledBackAfterConfiguringAsync()).Cloud),
        ("event mode rejected", async () => (await Scenarios.EventModeRejectedAsync()).Cloud),
        ("event mode acceptance lost", async () => (await Scenarios.EventModeAcceptanceLostAsync()).Cloud),
        ("event mode requester fails after the accepter configured", async () => (await Scenarios.EventModeRequesterFailsAfterAccepterConfiguredAsync()).Cloud),
        ("two executions at the same instant", async () => (await Scenarios.ConcurrentExecutionsAsync()).Cloud),
        ("a peering deleted out of band, then swept", SweepScenarios.SweptAsync),
        ("role mode, a block associated on a VPC peered from a request", CidrAssociationScenarios.RoleModeBlockAssociatedAsync),
    ];

    public IReadOnlyList<FunctionCall> Calls { get; private set; } = [];

    public IReadOnlyList<FunctionGrant> Grants { get; private set; } = [];

    /// <summary>Grants of the roles functions assume (role mode) that no call used, as <c>role grants action</c> lines.</summary>
    public List<string> UnusedAccessRoleGrants { get; private set; } = [];

    public async Task InitializeAsync()
    {
        if (!Repository.HasStateMachines)
        {
            return;
        }

        var (calls, grants, accessRoleGrants, accessRoleCalls) = (new List<FunctionCall>(), new List<FunctionGrant>(),
            new List<(string Role, string Action)>(), new List<(string Role, string Action)>());
        foreach (var (name, run) in Runs)
        {
            var cloud = await run();
            var iam = cloud.Assembly.Cloud.Iam;
            var functions = FunctionsByRole(cloud);
            foreach (var entry in cloud.Assembly.Cloud.RequestLog.Entries.Where(e => e.RoleArn is not null && e.Action is not null))
            {
                var action = $"{entry.Service}:{entry.Action}";
                if (!InContract(action))
                {
                    continue;
                }

                var role = iam.Get(entry.RoleArn!);
                if (functions.TryGetValue(role.Arn, out var function))
                {
                    calls.Add(new FunctionCall(name, entry.AccountId, function, action, IsGranted(iam, role, action)));
                }
                else
                {
                    accessRoleCalls.Add((role.RoleName, action));
                }
            }

            foreach (var (roleArn, function) in functions)
            {
                grants.AddRange(GrantsOf(iam.Get(roleArn)).Select(grant => new FunctionGrant(function, grant.Action, grant.ExercisedBy)));
            }

            var assumed = accessRoleCalls.Select(call => call.Role).ToHashSet(StringComparer.Ordinal);
            accessRoleGrants.AddRange(iam.All.Where(role => assumed.Contains(role.RoleName))
                .SelectMany(role => GrantsOf(role).Select(grant => (role.RoleName, grant.Action))));
        }

        Calls = calls;
        Grants = [.. grants.DistinctBy(grant => (grant.Function, grant.Action, string.Join(',', grant.ExercisedBy)))];
        UnusedAccessRoleGrants = [.. accessRoleGrants.Distinct().Where(grant => !accessRoleCalls.Any(call => call.Role == grant.Role
                && Wildcard.IsMatch(grant.Action, call.Action, ignoreCase: true)))
            .Select(grant => $"{grant.Role} grants {grant.Action}").Order(StringComparer.Ordinal)];
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>EC2 and the role assumption of role mode; the other STS call, GetCallerIdentity, needs no permission.</summary>
    private static bool InContract(string action) =>
        action.StartsWith("ec2:", StringComparison.OrdinalIgnoreCase)
        || action.Equals("sts:AssumeRole", StringComparison.OrdinalIgnoreCase);

    /// <summary>Execution role ARN → the handler class it runs (<c>PreflightFunction</c>), in every account of the cloud.</summary>
    private static Dictionary<string, string> FunctionsByRole(WorkflowCloud cloud) =>
        cloud.Assembly.Cloud.Iam.All.Select(role => role.AccountId).Distinct()
            .SelectMany(account => cloud.Assembly.Lambda.List(account, WorkflowCloud.Region))
            .Where(function => function.Role is not null)
            .ToDictionary(function => function.Role!, function => function.Handler.Split("::")[1].Split('.')[^1], StringComparer.Ordinal);

    /// <summary>The contract's actions the role's Allow statements name, each with the calls that exercise it.</summary>
    private static IEnumerable<(string Action, IReadOnlyList<string> ExercisedBy)> GrantsOf(IamRole role) =>
        AllowStatements(role).SelectMany(statement => statement.Action!.Where(InContract).Select(action =>
        {
            var createActions = statement.Conditions.Where(c => c.Key.Equals("ec2:CreateAction", StringComparison.OrdinalIgnoreCase))
                .SelectMany(c => c.Values).Select(value => "ec2:" + value).ToList();
            return (action, (IReadOnlyList<string>)(createActions.Count > 0 ? createActions : [action]));
        }));

    /// <summary>
    /// Allowed on <c>*</c> (EC2's grants) or on a resource the role's statements name for the action (<c>sts:AssumeRole</c> on the
    /// partners' access role). The emulated EC2 does not evaluate identity policies, so this is where EC2 grants are checked.
    /// </summary>
    private static bool IsGranted(IamRoleStore iam, IamRole role, string action) =>
        AllowStatements(role).Where(statement => statement.Action!.Any(pattern => Wildcard.IsMatch(pattern, action, ignoreCase: true)))
            .SelectMany(statement => statement.Resource ?? []).Prepend("*")
            .Any(resource => iam.IsAllowed(role.Arn, action, resource));

    private static IEnumerable<PolicyStatement> AllowStatements(IamRole role) =>
        role.Policies.SelectMany(policy => PolicyDocument.Parse(policy.Document).Statements).Where(s => s.IsAllow && s.Action is not null);
}
