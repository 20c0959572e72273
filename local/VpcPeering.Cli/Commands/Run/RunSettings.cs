using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Output;

namespace VpcPeering.Cli.Commands.Run;

internal sealed class RunSettings : CommonSettings
{
    [CommandOption("-i|--input <REQUEST>")]
    [Description("The peering request (JSON, see schemas/peering-request.schema.json).")]
    public string Input { get; init; } = string.Empty;

    [CommandOption("-t|--topology <FILE>")]
    [Description("The embedded cloud's topology. Default: examples/demo-topology.yaml.")]
    public string? Topology { get; init; }

    [CommandOption("--root <PATH>")]
    [Description("The project folder (holding template.yaml). Default: found from the current directory.")]
    public string? Root { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Input) ? ValidationResult.Error("--input REQUEST.json is required.") : ValidationResult.Success();
}
