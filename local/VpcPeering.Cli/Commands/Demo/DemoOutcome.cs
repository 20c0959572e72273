using LocalCloud.StepFunctions;

namespace VpcPeering.Cli.Commands.Demo;

/// <summary>How a demo run ended and what it measured.</summary>
internal sealed record DemoOutcome(
    DemoScenario Scenario,
    StateMachineExecution? Peering,
    NetworkReport Network,
    TimeSpan WallTime,
    TimeSpan VirtualTime,
    int StateTransitions,
    int LambdaInvocations,
    int Ec2Calls,
    int Ec2Mutations)
{
    public string Status => Peering?.StatusName ?? "NOT STARTED";

    public string? Error => Peering?.Execution.Result?.Error;

    /// <summary>The failure's message: a Lambda error's errorMessage rather than the whole error document.</summary>
    public string? Cause => Peering?.Execution.Result?.Cause is { } cause ? ErrorMessageOf(cause) : null;

    private static string ErrorMessageOf(string cause)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(cause)?["errorMessage"]?.GetValue<string>() ?? cause;
        }
        catch (System.Text.Json.JsonException)
        {
            return cause;
        }
    }

    /// <summary>Success means the run ended as the scenario promised: peered and reachable, or failed and rolled back.</summary>
    public bool Succeeded => Scenario.ExpectedError is { } expected
        ? Status == "FAILED" && Error == expected && RolledBack
        : DryRun ? Status == "SUCCEEDED" && Ec2Mutations == 0
        : Status == "SUCCEEDED" && Network.ConnectivityHolds;

    private bool DryRun => Scenario.DryRun;

    /// <summary>Nothing the run created is left: no live peering, no route to it, no rule for the peer.</summary>
    public bool RolledBack =>
        Network.Snapshot.Peering is not { IsActive: true }
        && !NetworkReport.PeeringRoutes(Network.Snapshot.Requester, Network.Snapshot.Peering?.PeeringConnectionId).Any()
        && !NetworkReport.PeeringRoutes(Network.Snapshot.Accepter, Network.Snapshot.Peering?.PeeringConnectionId).Any();
}
