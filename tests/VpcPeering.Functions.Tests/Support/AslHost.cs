using System.Text;
using System.Text.Json.Nodes;
using StatesLanguage;
using StatesLanguage.Runtime;
using VpcPeering.Functions.Errors;

namespace VpcPeering.Functions.Tests.Support;

/// <summary>
/// A definition from statemachine/ run by the ASL runtime on a virtual clock shared with the EC2 emulator; Lambda tasks are
/// served by handlers in-process, failing with the exception type name as the managed runtime reports it.
/// </summary>
internal sealed class AslHost
{
    public const string FunctionArnPrefix = "arn:aws:lambda:us-east-1:111111111111:function:";

    public AslHost(VirtualClock clock, string accountId)
    {
        Engine = new StateMachineEngine(new StateMachineEngineOptions { Time = clock, AccountId = accountId, RandomSeed = 7 });
        Engine.Handlers.Register("arn:aws:states:::events:putEvents", (invocation, _) =>
        {
            Events.Add(invocation.Input!["Entries"]![0]!.DeepClone());
            return Task.FromResult<JsonNode?>(new JsonObject { ["FailedEntryCount"] = 0 });
        });
    }

    public StateMachineEngine Engine { get; }

    /// <summary>Every putEvents entry, in order.</summary>
    public List<JsonNode> Events { get; } = [];

    public void Register(string function, Func<Stream, Task<Stream>> handle) =>
        Engine.Handlers.Register(FunctionArnPrefix + function, async (invocation, _) =>
        {
            try
            {
                using var request = new MemoryStream(Encoding.UTF8.GetBytes(invocation.Input?.ToJsonString() ?? "null"));
                using var response = await handle(request);
                return await JsonNode.ParseAsync(response);
            }
            catch (PeeringError error)
            {
                throw new StatesErrorException(error.ErrorName, error.Message);
            }
        });

    public async Task<(ExecutionResult Result, List<string> History)> RunAsync(string name, JsonNode input, IEnumerable<string> functions)
    {
        var substitutions = new Dictionary<string, string>
        {
            ["PeeringBusName"] = "vpc-peering",
            ["PeeringBusArn"] = "arn:aws:events:us-east-1:111111111111:event-bus/vpc-peering",
            ["TeardownStateMachineArn"] = "arn:aws:states:us-east-1:111111111111:stateMachine:teardown",
        };
        foreach (var function in functions)
        {
            substitutions[$"{function}FunctionArn"] = FunctionArnPrefix + function;
        }

        var definition = StateMachineDefinition.Load(File.ReadAllText(Path.Combine(Root(), "statemachine", $"{name}.asl.json")), substitutions);
        var execution = Engine.StartExecution(definition, input, new ExecutionStartOptions { Name = "exec-1", StateMachineName = name });
        var result = await execution.WaitAsync();
        return (result, [.. execution.GetHistory().Select(entry => entry.Type)]);
    }

    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "template.yaml")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
