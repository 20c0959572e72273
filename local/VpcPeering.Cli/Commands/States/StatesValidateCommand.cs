using System.ComponentModel;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace VpcPeering.Cli.Commands.States;

/// <summary><c>vpc-peering states validate DEF.json</c>: prints <c>{"Valid", "Problems"}</c>; exit 1 when there is any problem.</summary>
[Description("Check a definition and print every problem with its JSON pointer.")]
internal sealed class StatesValidateCommand(IAnsiConsole console) : Command<StatesValidateSettings>
{
    public override int Execute(CommandContext context, StatesValidateSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var validation = StatesCommandSupport.Validate(settings);
            StatesCommandSupport.Write(console, new JsonObject
            {
                ["Valid"] = validation.IsValid,
                ["Problems"] = StatesCommandSupport.Problems(validation),
            });
            return validation.IsValid ? 0 : 1;
        }
        catch (StatesCommandException e)
        {
            StatesCommandSupport.Write(console, StatesCommandSupport.Error(e.Error, e.Message));
            return 1;
        }
    }
}
