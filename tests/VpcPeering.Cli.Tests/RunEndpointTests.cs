using System.Text.Json.Nodes;
using Spectre.Console.Testing;
using VpcPeering.Cli;
using VpcPeering.Cli.Commands.Serve;

namespace VpcPeering.Cli.Tests;

/// <summary><c>vpc-peering run --endpoint-url</c>: the ASL runtime in-process against an EC2-compatible endpoint (issue 7).</summary>
public sealed class RunEndpointTests : IDisposable
{
    private static readonly string[] CredentialVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

    private readonly string _directory = Directory.CreateTempSubdirectory("run-endpoint-tests-").FullName;

    [Theory]
    [InlineData("run", "Established", 1)]
    [InlineData("plan", "DryRunPlan", 0)]
    public async Task A_same_account_request_runs_against_the_loopback_endpoint(string command, string lastState, int peeringsCreated)
    {
        var topology = Path.Combine(CliRunner.RepositoryRoot, "examples", "same-account-topology.yaml");
        await using var session = await ServeSession.StartAsync(new ServeSettings { Port = 0, Topology = [topology] });
        string Id(string name) => session.Seeded.First(s => s.Name == name).Id;
        var request = new JsonObject
        {
            ["name"] = "frontend-to-backend",
            ["requester"] = new JsonObject { ["vpcId"] = Id("frontend"), ["region"] = "us-east-1", ["accountId"] = "111111111111" },
            ["accepter"] = new JsonObject { ["vpcId"] = Id("backend"), ["region"] = "us-east-1", ["accountId"] = "111111111111" },
            ["securityGroups"] = new JsonArray(new JsonObject
            {
                ["side"] = "accepter",
                ["groupIds"] = new JsonArray(Id("backend-sg")),
                ["ports"] = new JsonArray("tcp/8443"),
            }),
        };
        var file = Path.Combine(_directory, "request.json");
        await File.WriteAllTextAsync(file, request.ToJsonString());

        var saved = CredentialVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "111111111111");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "test");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", null);
        int exitCode;
        string output;
        try
        {
            var console = new TestConsole();
            console.Profile.Width = 240;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            exitCode = await CliApplication.RunAsync(
                [command, "--input", file, "--endpoint-url", session.Endpoint.ToString(), "--json", "--root", CliRunner.RepositoryRoot], console)
                .WaitAsync(timeout.Token);
            output = console.Output;
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        var result = JsonNode.Parse(output)!;
        Assert.True(exitCode == 0, output);
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.Contains(lastState, result["path"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(peeringsCreated, session.Cloud.RequestLog.For("ec2", "CreateVpcPeeringConnection").Count(e => e.Succeeded));
    }

    [Fact]
    public async Task Topology_and_endpoint_url_together_are_refused()
    {
        var (exitCode, output) = await CliRunner.RunAsync(
            "run", "--input", CliRunner.Example("demo-request.json"), "--topology", CliRunner.Example("demo-topology.yaml"),
            "--endpoint-url", "http://127.0.0.1:4566");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--topology and --endpoint-url cannot be used together", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
