using System.Text.Json.Nodes;
using StatesLanguage;
using StatesLanguage.Runtime;

namespace LocalCloud.StepFunctions;

/// <summary>The workflow type of a state machine (CreateStateMachine <c>type</c>).</summary>
public enum StateMachineType
{
    /// <summary>STANDARD: exactly-once, long-running, with history and DescribeExecution.</summary>
    Standard,

    /// <summary>EXPRESS: short-lived; StartSyncExecution; no history or DescribeExecution in the API.</summary>
    Express,
}

/// <summary>A state machine of one account and region: its loaded definition, type and execution role.</summary>
public sealed class StateMachine
{
    internal StateMachine(string accountId, string region, string name, StateMachineType type, string? roleArn,
        string definitionText, StateMachineDefinition definition, DateTimeOffset creationDate)
    {
        AccountId = accountId;
        Region = region;
        Name = name;
        Type = type;
        RoleArn = roleArn;
        DefinitionText = definitionText;
        Definition = definition;
        CreationDate = creationDate;
    }

    /// <summary>The owner account.</summary>
    public string AccountId { get; }

    /// <summary>The region.</summary>
    public string Region { get; }

    /// <summary>The state machine name.</summary>
    public string Name { get; }

    /// <summary><c>arn:aws:states:REGION:ACCOUNT:stateMachine:NAME</c>.</summary>
    public string Arn => StepFunctionsArns.StateMachine(Region, AccountId, Name);

    /// <summary>STANDARD or EXPRESS.</summary>
    public StateMachineType Type { get; }

    /// <summary>The role executions act as (Step Functions assumes it as <c>states.amazonaws.com</c>); null acts as the account.</summary>
    public string? RoleArn { get; }

    /// <summary>The definition text as DescribeStateMachine returns it (substitutions applied).</summary>
    public string DefinitionText { get; }

    /// <summary>The validated definition the runtime executes.</summary>
    public StateMachineDefinition Definition { get; }

    /// <summary>When it was created (cloud time).</summary>
    public DateTimeOffset CreationDate { get; }

    /// <summary>The API spelling of <see cref="Type"/>.</summary>
    public string TypeName => Type == StateMachineType.Express ? "EXPRESS" : "STANDARD";
}

/// <summary>One execution as the Step Functions service tracks it: the runtime's execution plus what the API needs.</summary>
public sealed class StateMachineExecution
{
    internal StateMachineExecution(StateMachine stateMachine, Execution execution, string inputText)
    {
        StateMachine = stateMachine;
        Execution = execution;
        InputText = inputText;
    }

    /// <summary>The state machine it runs.</summary>
    public StateMachine StateMachine { get; }

    /// <summary>The runtime's execution: status, result, history.</summary>
    public Execution Execution { get; }

    /// <summary>The input exactly as given to StartExecution (for name idempotency).</summary>
    public string InputText { get; }

    /// <summary>The execution ARN.</summary>
    public string ExecutionArn => Execution.ExecutionArn;

    /// <summary>The execution name.</summary>
    public string Name => Execution.Name;

    /// <summary>True while the execution has not ended.</summary>
    public bool IsRunning => Execution.Status == ExecutionStatus.Running;

    /// <summary>The API spelling of the status: RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.</summary>
    public string StatusName => Execution.Status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };

    /// <summary>Completes when the execution ends.</summary>
    public Task<ExecutionResult> Completion => Execution.Completion;

    /// <summary>The names of the states entered, in order (from the history), for asserting an execution's path.</summary>
    public IReadOnlyList<string> StatesEntered() =>
        [.. Execution.GetHistory().Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => e.Details?["name"]?.GetValue<string>() ?? "")];

    /// <summary>The output as JSON, or null while running or when the execution did not succeed.</summary>
    public JsonNode? Output => Execution.Result?.Output?.DeepClone();
}

/// <summary>ARN formats of Step Functions.</summary>
public static class StepFunctionsArns
{
    /// <summary>A state machine ARN.</summary>
    public static string StateMachine(string region, string accountId, string name) => $"arn:aws:states:{region}:{accountId}:stateMachine:{name}";

    /// <summary>A Standard execution ARN.</summary>
    public static string Execution(string region, string accountId, string stateMachineName, string name) =>
        $"arn:aws:states:{region}:{accountId}:execution:{stateMachineName}:{name}";

    /// <summary>An Express execution ARN (it carries a run id after the name).</summary>
    public static string ExpressExecution(string region, string accountId, string stateMachineName, string name, string runId) =>
        $"arn:aws:states:{region}:{accountId}:express:{stateMachineName}:{name}:{runId}";

    /// <summary>Splits <c>arn:aws:states:REGION:ACCOUNT:KIND:NAME…</c>; null when it is not a Step Functions ARN of that kind.</summary>
    internal static (string Region, string Account, string[] Parts)? Parse(string arn, string kind)
    {
        var parts = arn.Split(':');
        return parts.Length >= 7 && parts[0] == "arn" && parts[2] == "states" && parts[5] == kind && parts[3].Length > 0
            && parts[4].Length == 12 && parts.Skip(6).All(p => p.Length > 0)
            ? (parts[3], parts[4], parts[6..])
            : null;
    }
}
