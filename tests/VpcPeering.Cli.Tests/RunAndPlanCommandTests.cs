using System.Text.Json.Nodes;

namespace VpcPeering.Cli.Tests;

/// <summary>`vpc-peering run` and `plan` (issue 7) against the embedded cloud.</summary>
public sealed class RunAndPlanCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("run-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_peers_the_example_request_in_role_mode_and_exits_0()
    {
        var (exitCode, output) = await CliRunner.RunAsync("run", "--input", CliRunner.Example("demo-request.json"), "--json");

        Assert.True(exitCode == 0, output);
        var json = JsonNode.Parse(output)!;
        Assert.Equal("SUCCEEDED", json["status"]!.GetValue<string>());
        Assert.Contains(json["path"]!.AsArray(), state => state!.GetValue<string>().Contains("Accept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plan_prints_the_diff_and_changes_nothing()
    {
        var (exitCode, output) = await CliRunner.RunAsync("plan", "--input", CliRunner.Example("demo-request.json"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("+ route rtb-", output, StringComparison.Ordinal);
        Assert.Contains("+ nacl acl-", output, StringComparison.Ordinal);
        Assert.Contains("dry run: 0 changes made", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_json_carries_the_plan_and_zero_mutations()
    {
        var (exitCode, output) = await CliRunner.RunAsync("plan", "--input", CliRunner.Example("demo-request.json"), "--json");

        Assert.Equal(0, exitCode);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(0, json["ec2Mutations"]!.GetValue<int>());
        Assert.NotNull(json["plan"]);
    }

    [Fact]
    public async Task An_invalid_request_lists_every_problem_with_its_path_and_exits_2()
    {
        var path = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(path, """{"requester":{"vpcId":"vpc-nothex","region":"mars-1"},"accepter":{"vpcId":"vpc-0123456789abcdef0","region":"us-east-1","accountId":"12"}}""");

        var (exitCode, output) = await CliRunner.RunAsync("run", "--input", path);

        Assert.Equal(2, exitCode);
        Assert.Contains("$.requester.vpcId", output, StringComparison.Ordinal);
        Assert.Contains("$.requester.region", output, StringComparison.Ordinal);
        Assert.Contains("$.accepter.accountId", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_request_file_is_a_clear_error()
    {
        var (exitCode, output) = await CliRunner.RunAsync("plan", "--input", Path.Combine(_directory, "missing.json"));

        Assert.Equal(2, exitCode);
        Assert.Contains("error: File not found", output, StringComparison.Ordinal);
    }
}
