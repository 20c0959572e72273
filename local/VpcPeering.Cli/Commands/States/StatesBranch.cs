using Spectre.Console.Cli;

namespace VpcPeering.Cli.Commands.States;

/// <summary>The <c>vpc-peering states</c> branch: run and validate Amazon States Language definitions locally.</summary>
internal static class StatesBranch
{
    public static void Configure(IConfigurator<CommandSettings> states)
    {
        states.SetDescription("Run or validate an Amazon States Language definition with the local runtime.");
        states.AddCommand<StatesRunCommand>("run")
            .WithDescription("Run a definition in virtual time and print its output JSON (or {\"Error\",\"Cause\"} and exit 1).");
        states.AddCommand<StatesValidateCommand>("validate")
            .WithDescription("Check a definition and print every problem with its JSON pointer; exit 1 if there is any.");
    }
}
