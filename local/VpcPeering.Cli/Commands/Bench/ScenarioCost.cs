using System.Text.Json.Nodes;

namespace VpcPeering.Cli.Commands.Bench;

/// <summary>
/// What one scenario costs. The counts come from the emulator's logs and are the same on every run (virtual time,
/// seeded randomness); wall time and allocations are this machine's and vary with its load.
/// </summary>
internal sealed record ScenarioCost(
    string Scenario,
    int Ec2Calls,
    int Ec2Changes,
    int StateTransitions,
    int LambdaInvocations,
    TimeSpan VirtualTime,
    IReadOnlyList<TimeSpan> WallTimes,
    double AllocatedMegabytesPerRun)
{
    public TimeSpan MedianWallTime => WallTimes.Order().ElementAt(WallTimes.Count / 2);

    public TimeSpan FastestWallTime => WallTimes.Min();

    public JsonObject ToJson() => new()
    {
        ["scenario"] = Scenario,
        ["ec2Calls"] = Ec2Calls,
        ["ec2Changes"] = Ec2Changes,
        ["stateTransitions"] = StateTransitions,
        ["lambdaInvocations"] = LambdaInvocations,
        ["virtualSeconds"] = VirtualTime.TotalSeconds,
        ["wallMillisecondsMedian"] = Math.Round(MedianWallTime.TotalMilliseconds, 1),
        ["wallMillisecondsFastest"] = Math.Round(FastestWallTime.TotalMilliseconds, 1),
        ["allocatedMegabytesPerRun"] = Math.Round(AllocatedMegabytesPerRun, 1),
        ["runs"] = WallTimes.Count,
    };
}
