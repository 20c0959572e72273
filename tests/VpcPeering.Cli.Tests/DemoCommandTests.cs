using System.Text.Json.Nodes;

namespace VpcPeering.Cli.Tests;

/// <summary>`vpc-peering demo` (issue 7): the whole mission in the embedded cloud, and its exit code.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_default_demo_peers_two_accounts_in_two_regions_from_a_tag_and_exits_0()
    {
        var (exitCode, output) = await CliRunner.RunAsync("demo");

        Assert.Equal(0, exitCode);
        Assert.Contains("222222222222/AcceptIncoming", output, StringComparison.Ordinal);
        Assert.Contains("111111111111/CallbackRelay", output, StringComparison.Ordinal);
        Assert.Contains("Peering workflow SUCCEEDED", output, StringComparison.Ordinal);
        Assert.Contains("peered, configured and reachable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_reports_the_peering_routes_connectivity_and_measurements()
    {
        var (exitCode, output) = await CliRunner.RunAsync("demo", "--json");

        Assert.Equal(0, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.True(json["succeeded"]!.GetValue<bool>());
        Assert.Equal("active", json["peering"]!["status"]!.GetValue<string>());
        Assert.True(json["peering"]!["requesterAllowsDns"]!.GetValue<bool>());
        Assert.NotEmpty(json["routes"]!.AsArray());
        Assert.Contains(json["connectivity"]!.AsArray(), flow => flow!["reachable"]!.GetValue<bool>());
        Assert.True(json["measurements"]!["stateTransitions"]!.GetValue<int>() <= 40);
    }

    [Theory]
    [InlineData("role-mode")]
    [InlineData("same-account")]
    public async Task Every_scenario_ends_peered_and_reachable(string scenario)
    {
        var (exitCode, output) = await CliRunner.RunAsync("demo", "--scenario", scenario);

        Assert.True(exitCode == 0, output);
        Assert.Contains("peered, configured and reachable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rollback_scenario_fails_with_a_named_error_and_leaves_nothing_behind()
    {
        var (exitCode, output) = await CliRunner.RunAsync("demo", "--scenario", "rollback", "--json");

        Assert.Equal(0, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("FAILED", json["status"]!.GetValue<string>());
        Assert.Equal("AccessDenied", json["error"]!.GetValue<string>());
        Assert.Empty(json["routes"]!.AsArray());
        Assert.NotEqual("active", json["peering"]?["status"]?.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_scenario_is_one_clear_line_with_a_hint_and_no_stack_trace()
    {
        var (exitCode, output) = await CliRunner.RunAsync("demo", "--scenario", "nope");

        Assert.Equal(2, exitCode);
        Assert.Contains("error: There is no demo scenario 'nope'.", output, StringComparison.Ordinal);
        Assert.Contains("hint: Choose one of: cross-account, role-mode, same-account, rollback.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
