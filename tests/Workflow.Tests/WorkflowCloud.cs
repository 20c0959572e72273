using System.Text.Json.Nodes;
using Amazon.Runtime;
using LocalCloud;
using LocalCloud.Lambda;
using LocalCloud.StepFunctions;
using LocalCloud.Topology;
using VpcPeering.Functions.Hosting;

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
        Assembly = CloudAssembly.Create(new CloudAssemblyOptions { LambdaActivator = new FunctionActivator(this) });
        Assembly.Cloud.Iam.EnforceIdentityPolicies = true;
        var local = Path.Combine(AppContext.BaseDirectory, "Topologies", topologyFile);
        Topology = TopologyLoader.LoadFile(Assembly.Cloud, Assembly.Ec2,
            File.Exists(local) ? local : Path.Combine(Repository.Root, "examples", topologyFile));
    }

    public CloudAssembly Assembly { get; }

    public TopologyResult Topology { get; }

    /// <summary>The functions' JSON log lines.</summary>
    public StringWriter Log { get; } = new();

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

    /// <summary>Builds each handler as the Lambda runtime would, with clients signed as the function's role session.</summary>
    private sealed class FunctionActivator(WorkflowCloud owner) : ILambdaHandlerActivator
    {
        public object CreateInstance(Type handlerType, LambdaFunctionConfiguration function, LambdaInvocationEnvironment environment)
        {
            var services = FunctionServices.InProcess(environment.CreateHttpMessageHandler,
                new SessionCredentials(environment.RefreshCredentials), environment.Variables, owner.Assembly.Clock, owner.Log);
            return Activator.CreateInstance(handlerType, services)
                ?? throw new InvalidOperationException($"Could not create {handlerType.FullName}.");
        }
    }

    /// <summary>The container's role session, renewed by the Lambda service before it expires on the virtual clock.</summary>
    private sealed class SessionCredentials(Func<LambdaCredentials> refresh) : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials()
        {
            var current = refresh();
            return new ImmutableCredentials(current.AccessKeyId, current.SecretAccessKey, current.SessionToken);
        }
    }
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
