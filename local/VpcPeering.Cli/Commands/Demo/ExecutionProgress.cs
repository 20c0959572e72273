using System.Diagnostics;
using LocalCloud.StepFunctions;
using Spectre.Console;
using StatesLanguage.Runtime;
using VpcPeering.Cli.Output;

namespace VpcPeering.Cli.Commands.Demo;

/// <summary>
/// Prints each state of every execution as it is entered and exited, with virtual time since the start and wall time.
/// It follows the executions' histories (what GetExecutionHistory shows), so it needs no hook into the runtime.
/// </summary>
internal sealed class ExecutionProgress(StepFunctionsService stepFunctions, IAnsiConsole console, DateTimeOffset virtualStart, Stopwatch wall)
{
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int StateTransitions { get; private set; }

    /// <summary>Runs <paramref name="work"/> while printing new history events every few milliseconds.</summary>
    public async Task FollowAsync(Func<Task> work, bool quiet)
    {
        using var stop = new CancellationTokenSource();
        var follower = quiet ? Task.CompletedTask : Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Flush(print: true);
                await Task.Delay(15, CancellationToken.None);
            }
        }, CancellationToken.None);

        try
        {
            await work();
        }
        finally
        {
            await stop.CancelAsync();
            await follower;
            Flush(print: !quiet);
        }
    }

    private void Flush(bool print)
    {
        lock (_lock)
        {
            foreach (var execution in stepFunctions.Executions.OrderBy(e => e.Execution.StartDate))
            {
                var history = execution.Execution.GetHistory();
                var from = _seen.GetValueOrDefault(execution.ExecutionArn);
                _seen[execution.ExecutionArn] = history.Count;
                foreach (var entry in history.Skip(from))
                {
                    if (entry.Type.EndsWith("StateEntered", StringComparison.Ordinal))
                    {
                        StateTransitions++;
                    }

                    if (print && HistoryEventText.Describe(entry) is { } line)
                    {
                        var at = entry.Timestamp - virtualStart;
                        console.MarkupLineInterpolated(
                            $"[grey]{at:hh\\:mm\\:ss} {wall.ElapsedMilliseconds,6} ms[/]  [blue]{Machine(execution)}[/] {line}");
                    }
                }
            }
        }
    }

    private static string Machine(StateMachineExecution execution) =>
        $"{execution.StateMachine.AccountId}/{ShortName(execution.StateMachine.Name)}";

    /// <summary>`vpc-peering-PeeringStateMachine-ABC123` → `Peering`.</summary>
    private static string ShortName(string name)
    {
        var logical = name.Split('-').FirstOrDefault(p => p.EndsWith("StateMachine", StringComparison.Ordinal)) ?? name;
        return logical.Replace("StateMachine", string.Empty, StringComparison.Ordinal);
    }
}
