using System.ComponentModel;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;
using StatesLanguage;
using StatesLanguage.Runtime;

namespace VpcPeering.Cli.Commands.States;

/// <summary>
/// <c>vpc-peering states run DEF.json --input IN.json [--substitute Name=Value]… [--history]</c>: runs the definition on a
/// virtual clock (waits and retries take no time) with no task handlers, so a Task state fails naming its resource.
/// </summary>
[Description("Run a definition in virtual time and print its output JSON.")]
internal sealed class StatesRunCommand(IAnsiConsole console) : AsyncCommand<StatesRunSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StatesRunSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var validation = StatesCommandSupport.Validate(settings);
            if (!validation.IsValid)
            {
                var problems = string.Join("; ", validation.Problems.Select(p => p.ToString()));
                StatesCommandSupport.Write(console, StatesCommandSupport.Error("InvalidDefinition", problems));
                return 1;
            }

            var input = settings.Input is null
                ? new JsonObject()
                : StatesCommandSupport.ParseInput(StatesCommandSupport.ReadFile(settings.Input, "input"), settings.Input);
            var clock = new VirtualClock(TimeProvider.System.GetUtcNow());
            var engine = new StateMachineEngine(new StateMachineEngineOptions { Time = clock });
            var name = Path.GetFileNameWithoutExtension(settings.Definition).Split('.')[0];
            var execution = engine.StartExecution(validation.Definition!, input, new ExecutionStartOptions { StateMachineName = name });
            await engine.RunUntilIdleAsync(cancellationToken);
            if (execution.Status == ExecutionStatus.Running)
            {
                execution.Stop("States.Runtime", "The execution is waiting for a task token that nothing can send in `states run`.");
            }

            var result = await execution.WaitAsync(cancellationToken);
            JsonObject? report = result.Status == ExecutionStatus.Succeeded
                ? null
                : StatesCommandSupport.Error(result.Error ?? result.Status.ToString(), result.Cause);
            if (settings.History)
            {
                report ??= new JsonObject { ["Output"] = result.Output?.DeepClone() };
                report["Events"] = execution.GetHistoryJson();
            }

            StatesCommandSupport.Write(console, report ?? result.Output);
            return result.Status == ExecutionStatus.Succeeded ? 0 : 1;
        }
        catch (StatesCommandException e)
        {
            StatesCommandSupport.Write(console, StatesCommandSupport.Error(e.Error, e.Message));
            return 1;
        }
    }
}
