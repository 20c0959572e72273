using System.ComponentModel;
using Spectre.Console.Cli;
using VpcPeering.Cli.Output;

namespace VpcPeering.Cli.Commands.Validate;

internal sealed class ValidateSettings : CommonSettings
{
    [CommandOption("--root <PATH>")]
    [Description("The project folder (holding template.yaml). Default: found from the current directory.")]
    public string? Root { get; init; }
}
