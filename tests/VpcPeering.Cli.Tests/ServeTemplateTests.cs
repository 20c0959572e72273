using System.Diagnostics;
using System.Text.Json.Nodes;
using Spectre.Console.Cli;
using Spectre.Console.Testing;
using VpcPeering.Cli;
using VpcPeering.Cli.Commands.Serve;

namespace VpcPeering.Cli.Tests;

/// <summary>
/// <c>vpc-peering serve --template</c>: the whole product cloud on one endpoint, so awscli's <c>stepfunctions</c>,
/// <c>events</c> and <c>lambda</c> work against it, and executions run on the wall-clock-driven virtual clock (issue 5).
/// </summary>
public sealed class ServeTemplateTests
{
    private const string Account = "111111111111";

    private static ServeSettings Settings => new()
    {
        Port = 0,
        Template = Path.Combine(CliRunner.RepositoryRoot, "template.yaml"),
        Account = [Account],
        Topology = [CliRunner.Example("same-account-topology.yaml")],
    };

    [AwsCliFact]
    public async Task Awscli_lists_the_deployed_stack_and_runs_a_dry_run_peering_to_success()
    {
        await using var session = await ServeSession.StartAsync(Settings);
        var endpoint = session.Endpoint;

        var machines = (await AwsJsonAsync(endpoint, "stepfunctions", "list-state-machines"))["stateMachines"]!.AsArray();
        var names = machines.Select(m => (string)m!["name"]!).ToList();
        Assert.Equal(5, names.Count);
        foreach (var logicalId in new[] { "PeeringStateMachine", "AcceptIncomingStateMachine", "CallbackRelayStateMachine", "TeardownStateMachine", "PeeringEndedStateMachine" })
        {
            Assert.Contains(names, n => n.Contains($"-{logicalId}-", StringComparison.Ordinal));
        }

        var busRules = (await AwsJsonAsync(endpoint, "events", "list-rules", "--event-bus-name", "vpc-peering"))["Rules"]!.AsArray();
        var defaultRules = (await AwsJsonAsync(endpoint, "events", "list-rules"))["Rules"]!.AsArray();
        Assert.Contains(busRules, r => ((string)r!["Name"]!).Contains("AcceptIncomingStateMachine", StringComparison.Ordinal));
        Assert.Contains(defaultRules, r => ((string)r!["Name"]!).Contains("PeeringStateMachineVpcTagChanged", StringComparison.Ordinal));

        var functions = (await AwsJsonAsync(endpoint, "lambda", "list-functions"))["Functions"]!.AsArray();
        Assert.Equal(15, functions.Count);

        var ids = session.Seeded.ToDictionary(s => s.Name, s => s.Id, StringComparer.Ordinal);
        var request = new JsonObject
        {
            ["requester"] = new JsonObject { ["vpcId"] = ids["frontend"], ["region"] = "us-east-1" },
            ["accepter"] = new JsonObject { ["vpcId"] = ids["backend"], ["region"] = "us-east-1", ["accountId"] = Account },
            ["dryRun"] = true,
        };
        var peering = (string)machines.Single(m => ((string)m!["name"]!).Contains("-PeeringStateMachine-", StringComparison.Ordinal))!["stateMachineArn"]!;
        var started = await AwsJsonAsync(endpoint, "stepfunctions", "start-execution",
            "--state-machine-arn", peering, "--input", request.ToJsonString());
        var executionArn = (string)started["executionArn"]!;

        // Nobody calls RunUntilIdle: the session's clock driver alone must bring the execution to its end.
        var deadline = Stopwatch.StartNew();
        JsonNode described;
        do
        {
            described = await AwsJsonAsync(endpoint, "stepfunctions", "describe-execution", "--execution-arn", executionArn);
            if ((string)described["status"]! != "RUNNING")
            {
                break;
            }

            await Task.Delay(200);
        }
        while (deadline.Elapsed < TimeSpan.FromSeconds(8));

        Assert.Equal("SUCCEEDED", (string)described["status"]!);
        var output = JsonNode.Parse((string)described["output"]!)!;
        Assert.True((bool)output["dryRun"]!);
    }

    [Fact]
    public async Task The_virtual_clock_follows_wall_time_while_serving()
    {
        await using var session = await ServeSession.StartAsync(Settings);
        var clock = session.Product!.Assembly.Clock;
        var before = clock.GetUtcNow();

        await Task.Delay(400);

        Assert.InRange(clock.GetUtcNow() - before, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30));
        Assert.Contains("vpc-peering 111111111111/us-east-1", session.Stacks);
    }

    [Theory]
    [InlineData(new[] { "--template", "template.yaml" }, "--template needs at least one --account")]
    [InlineData(new[] { "--account", "111111111111" }, "--account and --parameter need --template")]
    [InlineData(new[] { "--template", "template.yaml", "--account", "12" }, "--account 12 is not an account id")]
    [InlineData(new[] { "--template", "template.yaml", "--account", "111111111111", "--parameter", "NoValue" }, "--parameter NoValue is not Name=Value")]
    public async Task Template_options_are_validated(string[] arguments, string message)
    {
        var console = new TestConsole();
        var app = new CommandApp();
        app.Configure(config =>
        {
            CliConfiguration.Configure(config);
            config.ConfigureConsole(console);
        });
        var resolved = arguments.Select(a => a == "template.yaml" ? Path.Combine(CliRunner.RepositoryRoot, a) : a);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.RunAsync(["serve", "--port", "0", .. resolved]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> AwsJsonAsync(Uri endpoint, params string[] arguments)
    {
        string[] args = [.. arguments, "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json"];
        var start = new ProcessStartInfo(AwsCli.Executable!, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = Account;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"aws {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        return JsonNode.Parse(await stdout)!;
    }
}

/// <summary>Finds awscli on PATH.</summary>
internal static class AwsCli
{
    public static string? Executable { get; } =
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
        .Select(directory => Path.Combine(directory, "aws"))
        .FirstOrDefault(File.Exists);
}

/// <summary>A fact that is skipped, with the reason, where awscli is not installed.</summary>
internal sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Executable is null)
        {
            Skip = "awscli ('aws') is not on PATH: install awscli to run serve --template against awscli.";
        }
    }
}
