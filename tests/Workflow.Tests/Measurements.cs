using LocalCloud.StepFunctions;
using Xunit.Abstractions;

namespace Workflow.Tests;

/// <summary>Issue 6's closing measurements for a happy-path peering: EC2 calls against the lower bound, state transitions, Lambda invocations.</summary>
public sealed class Measurements(ITestOutputHelper output)
{
    [WorkflowFact]
    public async Task Same_account_peering_costs()
    {
        var (cloud, execution) = await Scenarios.SameAccountAsync();

        var transitions = Report("same account", cloud, execution);

        PeeringScenarios.AssertSucceeded(execution, cloud);
        Assert.True(transitions <= 40, $"{transitions} state transitions (goal ≤ 40)");
    }

    [WorkflowFact]
    public async Task Role_mode_peering_costs()
    {
        var (cloud, execution) = await Scenarios.RoleModeAsync();

        var transitions = Report("role mode", cloud, execution);

        PeeringScenarios.AssertSucceeded(execution, cloud);
        Assert.True(transitions <= 40, $"{transitions} state transitions (goal ≤ 40)");
    }

    private int Report(string name, WorkflowCloud cloud, StateMachineExecution execution)
    {
        var ec2 = cloud.Assembly.Cloud.RequestLog.For("ec2").Where(e => e.RoleArn is not null).ToList();
        var transitions = cloud.Assembly.StepFunctions.Executions.Sum(e => e.Execution.GetHistory().Count(h => h.Type.EndsWith("StateEntered", StringComparison.Ordinal)));
        output.WriteLine($"{name}: {ec2.Count} EC2 calls ({ec2.Count(e => !e.IsReadOnly)} mutating), "
            + $"{transitions} state transitions over {cloud.Assembly.StepFunctions.Executions.Count} executions, "
            + $"{cloud.Assembly.Lambda.Invocations.Count} Lambda invocations, {(execution.Execution.StopDate - execution.Execution.StartDate)?.TotalSeconds} s virtual");
        foreach (var (action, count) in ec2.GroupBy(e => e.Action!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())))
        {
            output.WriteLine($"  {action}: {count}");
        }

        output.WriteLine("  path: " + string.Join(" > ", execution.StatesEntered()));
        return transitions;
    }
}
