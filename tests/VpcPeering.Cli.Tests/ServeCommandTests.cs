using LocalCloud.Ec2;
using LocalCloud.Iam;
using Spectre.Console.Cli;
using Spectre.Console.Testing;
using VpcPeering.Cli;
using VpcPeering.Cli.Commands.Serve;

namespace VpcPeering.Cli.Tests;

/// <summary><c>vpc-peering serve</c>: endpoint on 127.0.0.1, state written on shutdown and read at start (issue 4).</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("serve-tests-").FullName;

    private string StatePath => Path.Combine(_directory, "state.json");

    [Fact]
    public async Task Serve_prints_its_loopback_endpoint_and_stops_when_cancelled()
    {
        var (exitCode, output) = await RunServeAsync("--port", "0");

        Assert.Equal(0, exitCode);
        Assert.Matches(@"listening on http://127\.0\.0\.1:\d+", output);
        Assert.Contains("sts get-caller-identity", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task State_written_on_shutdown_is_read_at_the_next_start()
    {
        var role = new IamRole("222222222222", "PeeringAccepter", """{"Statement":[]}""", [new IamPolicy("p", """{"Statement":[]}""")]);
        string vpcId;
        await using (var first = await ServeSession.StartAsync(new ServeSettings { Port = 0, State = StatePath }))
        {
            first.Cloud.Iam.Put(role);
            vpcId = first.Cloud.Ec2Model()!.CreateVpc(new Ec2Scope("111111111111", "us-east-1"), "10.0.0.0/16").Id;
        }

        var (exitCode, output) = await RunServeAsync("--port", "0", "--state", StatePath);
        await using var third = await ServeSession.StartAsync(new ServeSettings { Port = 0, State = StatePath });

        Assert.Equal(0, exitCode);
        Assert.Contains("State restored from", output, StringComparison.Ordinal);
        Assert.True(third.Restored);
        Assert.Equal(role.Policies.Single(), third.Cloud.Iam.Find(role.Arn)!.Policies.Single());
        var vpcs = third.Cloud.Ec2Model()!.DescribeVpcs(new Ec2Scope("111111111111", "us-east-1"), DescribeQuery.All).Items;
        Assert.Equal("10.0.0.0/16", vpcs.Single(v => v.Id == vpcId).CidrBlock);
    }

    [Fact]
    public async Task Serve_seeds_the_topology_files_and_prints_the_ids_by_name()
    {
        var topology = Path.Combine(_directory, "topology.yaml");
        await File.WriteAllTextAsync(topology, """
            accounts:
              - id: "111111111111"
                regions:
                  - name: us-east-1
                    vpcs:
                      - name: hub-vpc
                        cidr: 10.0.0.0/16
            """);

        var (exitCode, output) = await RunServeAsync("--port", "0", "--topology", topology);

        Assert.Equal(0, exitCode);
        Assert.Matches(@"hub-vpc\s*│\s*vpc-[0-9a-f]+", output);
    }

    [Fact]
    public async Task A_topology_file_that_cannot_be_loaded_stops_serve_with_the_reason()
    {
        var topology = Path.Combine(_directory, "broken.yaml");
        await File.WriteAllTextAsync(topology, "accounts: [ { id: 12 ");

        var (exitCode, output) = await RunServeAsync("--port", "0", "--topology", topology);

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot start the local cloud:", output, StringComparison.Ordinal);
        Assert.Contains("broken.yaml", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_outside_the_tcp_range_is_rejected_with_a_clear_message()
    {
        var console = new TestConsole();
        var app = new CommandApp();
        app.Configure(config =>
        {
            CliConfiguration.Configure(config);
            config.ConfigureConsole(console);
        });

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.RunAsync(["serve", "--port", "70000"]));

        Assert.Contains("--port 70000 is not a TCP port", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // The token is cancelled before the run: serve starts, prints, then shuts down at once, like a Ctrl-C.
    private static async Task<(int ExitCode, string Output)> RunServeAsync(params string[] arguments)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var app = new CommandApp();
        app.Configure(config =>
        {
            CliConfiguration.Configure(config);
            config.ConfigureConsole(console);
        });
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var exitCode = await app.RunAsync(["serve", .. arguments], stop.Token);
        return (exitCode, console.Output);
    }
}
