using System.Text.Json.Nodes;

namespace VpcPeering.Cli.Tests;

/// <summary>`vpc-peering validate` (issue 7): template, state machines and example requests; exit 1 on any problem.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("validate-tests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_project_as_committed_is_valid()
    {
        var (exitCode, output) = await CliRunner.RunAsync("validate", "--json");

        Assert.True(exitCode == 0, output);
        var json = JsonNode.Parse(output)!;
        Assert.True(json["valid"]!.GetValue<bool>());
        Assert.Contains(json["checked"]!.AsArray(), f => f!.GetValue<string>() == "statemachine/peering.asl.json");
        Assert.Contains(json["checked"]!.AsArray(), f => f!.GetValue<string>() == "examples/demo-request.json");
    }

    [Fact]
    public async Task Every_problem_in_a_broken_copy_is_listed_and_the_exit_code_is_1()
    {
        CopyProject();
        var peering = Path.Combine(_root, "statemachine", "peering.asl.json");
        await File.WriteAllTextAsync(peering, """{"StartAt":"Missing","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""");
        await File.WriteAllTextAsync(Path.Combine(_root, "examples", "broken-request.json"), """{"requester":{"vpcId":"vpc-1","region":"us-east-1"}}""");

        var (exitCode, output) = await CliRunner.RunAsync("validate", "--json", "--root", _root);

        Assert.Equal(1, exitCode);
        var problems = JsonNode.Parse(output)!["problems"]!.AsArray();
        Assert.Contains(problems, p => p!["file"]!.GetValue<string>() == "statemachine/peering.asl.json");
        Assert.Contains(problems, p => p!["file"]!.GetValue<string>() == "examples/broken-request.json"
            && p["location"]!.GetValue<string>().StartsWith("$.requester.vpcId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p!["file"]!.GetValue<string>() == "examples/broken-request.json"
            && p["location"]!.GetValue<string>().StartsWith("$.accepter", StringComparison.Ordinal));
    }

    private void CopyProject()
    {
        File.Copy(Path.Combine(CliRunner.RepositoryRoot, "template.yaml"), Path.Combine(_root, "template.yaml"));
        foreach (var folder in new[] { "statemachine", "examples", "schemas" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            foreach (var file in Directory.GetFiles(Path.Combine(CliRunner.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(_root, folder, Path.GetFileName(file)));
            }
        }
    }
}
