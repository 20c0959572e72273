using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Output;

namespace VpcPeering.Cli.Commands.Bench;

internal sealed class BenchSettings : CommonSettings
{
    [CommandOption("--scenario <NAME>")]
    [Description("A demo scenario to measure (repeatable). Default: every scenario.")]
    public string[] Scenarios { get; init; } = [];

    [CommandOption("--iterations <N>")]
    [Description("Measured runs per scenario, after one warm-up run. Default: 5.")]
    [DefaultValue(5)]
    public int Iterations { get; init; } = 5;

    [CommandOption("--root <PATH>")]
    [Description("The project folder (holding template.yaml). Default: found from the current directory.")]
    public string? Root { get; init; }

    public override ValidationResult Validate() =>
        Iterations is >= 1 and <= 1000 ? ValidationResult.Success() : ValidationResult.Error("--iterations takes 1 to 1000.");
}
