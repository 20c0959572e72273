using System.ComponentModel;
using Spectre.Console.Cli;

namespace VpcPeering.Cli.Output;

/// <summary>Options every command understands.</summary>
internal class CommonSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Write machine-readable JSON on stdout instead of tables.")]
    public bool Json { get; init; }

    [CommandOption("--verbose")]
    [Description("Show stack traces and extra detail.")]
    public bool Verbose { get; init; }
}
