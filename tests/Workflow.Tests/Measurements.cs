using LocalCloud.StepFunctions;
using Xunit.Abstractions;

namespace Workflow.Tests;

/// <summary>
/// Issue 6's measurements for a happy-path peering: EC2 calls against the lower bound (goal ≤ 1.2×), state transitions
/// (goal ≤ 40) and Lambda invocations. Counts, not times: they are deterministic, so they are asserted.
/// </summary>
public sealed class Measurements(ITestOutputHelper output)
{
    private const double CallGoal = 1.2;

    [WorkflowFact]
    public async Task Same_account_peering_costs()
    {
        var (cloud, execution) = await Scenarios.SameAccountAsync();

        var cost = Report("same account", cloud, execution, new Shape(Endpoints: 1, ConfiguringStacks: 1, Verifies: true));

        PeeringScenarios.AssertSucceeded(execution, cloud);
        cost.AssertWithinGoals();
    }

    [WorkflowFact]
    public async Task Role_mode_peering_costs()
    {
        var (cloud, execution) = await Scenarios.RoleModeAsync();

        var cost = Report("role mode", cloud, execution, new Shape(Endpoints: 2, ConfiguringStacks: 1, Verifies: true));

        PeeringScenarios.AssertSucceeded(execution, cloud);
        cost.AssertWithinGoals();
    }

    [WorkflowFact]
    public async Task Event_mode_peering_costs()
    {
        var (cloud, execution) = await Scenarios.EventModeAsync();

        var cost = Report("event mode", cloud, execution, new Shape(Endpoints: 2, ConfiguringStacks: 2, Verifies: false));

        PeeringScenarios.AssertSucceeded(execution, cloud);
        Assert.True(cost.Transitions <= 40, $"{cost.Transitions} state transitions (goal ≤ 40)");
    }

    private Cost Report(string name, WorkflowCloud cloud, StateMachineExecution execution, Shape shape)
    {
        var ec2 = cloud.Assembly.Cloud.RequestLog.For("ec2").Where(e => e.RoleArn is not null).ToList();
        var transitions = cloud.Assembly.StepFunctions.Executions.Sum(e => e.Execution.GetHistory().Count(h => h.Type.EndsWith("StateEntered", StringComparison.Ordinal)));
        var changes = ec2.Count(e => !e.IsReadOnly && e.Succeeded);
        var cost = new Cost(ec2.Count, shape.LowerBound(changes), transitions);
        output.WriteLine($"{name}: {ec2.Count} EC2 calls ({changes} changes) vs lower bound {cost.Bound} = {cost.Ratio:0.00}×; "
            + $"{transitions} state transitions over {cloud.Assembly.StepFunctions.Executions.Count} executions, "
            + $"{cloud.Assembly.Lambda.Invocations.Count} Lambda invocations, {(execution.Execution.StopDate - execution.Execution.StartDate)?.TotalSeconds} s virtual");
        foreach (var (action, count) in ec2.GroupBy(e => e.Action!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())))
        {
            output.WriteLine($"  {action}: {count}");
        }

        foreach (var function in ec2.GroupBy(e => RoleOf(e.RoleArn!)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {function.Key}: {string.Join(", ", function.GroupBy(e => e.Action!).Select(g => $"{g.Key}×{g.Count()}"))}");
        }

        output.WriteLine("  path: " + string.Join(" > ", execution.StatesEntered()));
        return cost;
    }

    /// <summary>
    /// What bounds a peering's EC2 calls from below.
    /// <list type="bullet">
    /// <item>Its changes: one create, one accept, one call per route, one authorize per group (counted from the run).</item>
    /// <item>Reading the VPCs before planning: VPC, subnets, route tables, groups, NACLs — 5 calls per endpoint, where an
    /// endpoint is an account and region holding one of the VPCs (the <c>vpc-id</c> filter covers both VPCs of one endpoint).</item>
    /// <item>Looking for an existing peering, and once more after creating: CreateVpcPeeringConnection has no idempotency
    /// token, so a concurrent execution's duplicate can only be found by looking.</item>
    /// <item>Seeing the peering active once per stack that configures a side; the accepter's stack also looks at the
    /// request once before deciding (event mode).</item>
    /// <item>Verifying after the changes: subnets, route tables, groups, NACLs again — 4 per endpoint, where one stack sees
    /// both sides (in event mode each stack sees only its own and the requester does not verify).</item>
    /// </list>
    /// </summary>
    private sealed record Shape(int Endpoints, int ConfiguringStacks, bool Verifies)
    {
        public int LowerBound(int changes) =>
            changes + (5 * Endpoints) + 2 + ConfiguringStacks + (ConfiguringStacks - 1) + (Verifies ? 4 * Endpoints : 0);
    }

    private sealed record Cost(int Calls, int Bound, int Transitions)
    {
        public double Ratio => (double)Calls / Bound;

        public void AssertWithinGoals()
        {
            Assert.True(Ratio <= CallGoal, $"{Calls} EC2 calls = {Ratio:0.00}× the lower bound {Bound} (goal ≤ {CallGoal}×)");
            Assert.True(Transitions <= 40, $"{Transitions} state transitions (goal ≤ 40)");
        }
    }

    /// <summary>
    /// <c>…:role/vpc-peering-PreflightFunctionRole-ABC</c> → <c>PreflightFunctionRole</c>;
    /// <c>…:assumed-role/vpc-peering-PeeringAccessRole-ABC/session</c> → <c>PeeringAccessRole</c>.
    /// </summary>
    private static string RoleOf(string roleArn)
    {
        var resource = roleArn.Split(':')[^1].Split('/');
        var parts = resource[1].Split('-');
        return parts.Length >= 3 ? parts[^2] : parts[^1];
    }
}
