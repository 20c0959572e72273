using System.Text.Json.Nodes;

namespace VpcPeering.Cli.Tests;

/// <summary>`vpc-peering bench`: what a peering costs, per scenario. Only the deterministic counts are asserted; times are reported.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_reports_the_deterministic_costs_of_a_scenario_as_json()
    {
        var (exitCode, output) = await CliRunner.RunAsync("bench", "--scenario", "same-account", "--iterations", "2", "--json");

        Assert.Equal(0, exitCode);
        var cost = Assert.Single(JsonNode.Parse(output)!.AsArray())!;
        Assert.Equal("same-account", cost["scenario"]!.GetValue<string>());
        Assert.Equal(2, cost["runs"]!.GetValue<int>());
        Assert.InRange(cost["stateTransitions"]!.GetValue<int>(), 1, 40);
        Assert.True(cost["ec2Calls"]!.GetValue<int>() > cost["ec2Changes"]!.GetValue<int>());
        Assert.True(cost["lambdaInvocations"]!.GetValue<int>() > 0);
        Assert.True(cost["wallMillisecondsFastest"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task Bench_names_an_unknown_scenario_and_lists_the_known_ones()
    {
        var (exitCode, output) = await CliRunner.RunAsync("bench", "--scenario", "nope");

        Assert.Equal(2, exitCode);
        Assert.Contains("error: There is no demo scenario 'nope'.", output, StringComparison.Ordinal);
        Assert.Contains("hint: Choose one of: cross-account, role-mode, same-account, rollback.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_refuses_zero_iterations_with_a_clear_message()
    {
        var (exitCode, output) = await CliRunner.RunAsync("bench", "--iterations", "0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--iterations takes 1 to 1000", output, StringComparison.Ordinal);
    }
}
