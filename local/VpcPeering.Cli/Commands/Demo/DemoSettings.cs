using System.ComponentModel;
using Spectre.Console.Cli;
using VpcPeering.Cli.Output;

namespace VpcPeering.Cli.Commands.Demo;

internal sealed class DemoSettings : CommonSettings
{
    [CommandOption("--scenario <NAME>")]
    [Description("cross-account (default), role-mode, same-account or rollback.")]
    public string? Scenario { get; init; }

    [CommandOption("--root <PATH>")]
    [Description("The project folder (holding template.yaml). Default: found from the current directory.")]
    public string? Root { get; init; }
}
