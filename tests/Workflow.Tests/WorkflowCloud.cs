using System.Text.Json.Nodes;
using LocalCloud;
using LocalCloud.StepFunctions;
using LocalCloud.Topology;
using VpcPeering.Cli.Local;
using VpcPeering.Cli.Workspace;

namespace Workflow.Tests;

/// <summary>
/// The product deployed end to end: a cloud seeded from a topology, <c>template.yaml</c> deployed into the participating
/// accounts, and the real handlers built with in-process AWS clients that act as each function's execution role.
/// </summary>
internal sealed class WorkflowCloud
{
    public const string Region = "us-east-1";

    private WorkflowCloud(string topologyFile)
    {
        var local = Path.Combine(AppContext.BaseDirectory, "Topologies", topologyFile);
        Product = ProductCloud.Create(
            new ProjectLayout(Repository.Root),
            File.Exists(local) ? local : Path.Combine(Repository.Root, "examples", topologyFile));
        Assembly.Cloud.Iam.EnforceIdentityPolicies = true;
    }

    /// <summary>The product in the embedded cloud, built as the CLI builds it.</summary>
    public ProductCloud Product { get; }

    public CloudAssembly Assembly => Product.Assembly;

    public TopologyResult Topology => Product.Topology;

    /// <summary>The functions' JSON log lines.</summary>
    public StringWriter Log => Product.FunctionLog;

    public static string TemplatePath => Path.Combine(Repository.Root, "template.yaml");

    /// <summary>A cloud from <c>Topologies/&lt;topologyFile&gt;</c> (this project) or <c>examples/&lt;topologyFile&gt;</c> with the stack deployed into each account, with its parameters.</summary>
    public static WorkflowCloud Create(string topologyFile, params (string Account, Dictionary<string, string> Parameters)[] stacks)
    {
        var cloud = new WorkflowCloud(topologyFile);
        foreach (var (account, parameters) in stacks)
        {
            cloud.Assembly.Deploy(TemplatePath, account, Region, parameters: parameters);
        }

        return cloud;
    }

    /// <summary>Starts the peering workflow in an account with a request and runs the cloud until nothing is running.</summary>
    public async Task<StateMachineExecution> RunPeeringAsync(string account, JsonObject request, string? name = null)
    {
        var execution = Assembly.StartExecution(account, "PeeringStateMachine", request, name);
        await Assembly.RunUntilIdleAsync();
        return execution;
    }

    /// <summary>Mutating EC2 calls in the request log (the actions that change the network).</summary>
    public IReadOnlyList<string> Ec2Mutations() =>
        [.. Assembly.Cloud.RequestLog.For("ec2").Where(e => !e.IsReadOnly && e.Succeeded).Select(e => e.Action!)];
}

/// <summary>Where the repository is: the folder holding <c>Serverless.sln</c>.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>True once the product's state machine definitions have landed.</summary>
    public static bool HasStateMachines => Directory.Exists(Path.Combine(Root, "statemachine"))
        && Directory.EnumerateFiles(Path.Combine(Root, "statemachine"), "*.asl.json").Count() >= 4;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Serverless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A scenario that needs the product's state machines; skipped (with the reason) until they exist.</summary>
internal sealed class WorkflowFactAttribute : FactAttribute
{
    public WorkflowFactAttribute()
    {
        if (!Repository.HasStateMachines)
        {
            Skip = "statemachine/*.asl.json have not landed yet.";
        }
    }
}
