using System.ComponentModel;
using Spectre.Console.Cli;

namespace VpcPeering.Cli.Commands.States;

/// <summary>Options shared by <c>states run</c> and <c>states validate</c>.</summary>
internal class StatesValidateSettings : CommandSettings
{
    [CommandArgument(0, "<DEFINITION>")]
    [Description("The state machine definition (ASL JSON) file.")]
    public string Definition { get; init; } = "";

    [CommandOption("--substitute <NAME=VALUE>")]
    [Description("A DefinitionSubstitutions entry: ${NAME} in the definition becomes VALUE. Repeatable.")]
    public string[] Substitute { get; init; } = [];
}

/// <summary>Options of <c>states run</c>.</summary>
internal sealed class StatesRunSettings : StatesValidateSettings
{
    [CommandOption("--input <FILE>")]
    [Description("The execution input JSON file; {} when omitted.")]
    public string? Input { get; init; }

    [CommandOption("--history")]
    [Description("Print {\"Output\" (or \"Error\"/\"Cause\"), \"Events\"} with the GetExecutionHistory events.")]
    public bool History { get; init; }
}
