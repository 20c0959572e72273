using StatesLanguage.Runtime;

namespace VpcPeering.Cli.Output;

/// <summary>One progress line for a history event worth showing (executions and states starting and ending), else null.</summary>
internal static class HistoryEventText
{
    public static string? Describe(HistoryEvent entry)
    {
        var name = entry.Details?["name"]?.GetValue<string>();
        return entry.Type switch
        {
            "ExecutionStarted" => "▶ started",
            "ExecutionSucceeded" => "✔ succeeded",
            "ExecutionFailed" => $"✘ failed: {entry.Details?["error"]}",
            "ExecutionAborted" => "■ stopped",
            "ExecutionTimedOut" => "✘ timed out",
            _ when entry.Type.EndsWith("StateEntered", StringComparison.Ordinal) => $"→ {name}",
            _ when entry.Type.EndsWith("StateExited", StringComparison.Ordinal) => $"  {name} done",
            "TaskFailed" or "LambdaFunctionFailed" => $"  ! {entry.Details?["error"]}",
            _ => null,
        };
    }
}
