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

    [CommandOption("--endpoint-url <URL>")]
    [Description("Run against an EC2-compatible endpoint (ASL runtime in-process, SDK default credentials) instead of the embedded cloud.")]
    public string? EndpointUrl { get; init; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
        {
            return ValidationResult.Error("--input REQUEST.json is required.");
        }

        if (EndpointUrl is not null && Topology is not null)
        {
            return ValidationResult.Error("--topology and --endpoint-url cannot be used together: --topology seeds the embedded cloud, --endpoint-url runs against an existing endpoint.");
        }

        return EndpointUrl is not null && !Uri.TryCreate(EndpointUrl, UriKind.Absolute, out _)
            ? ValidationResult.Error($"--endpoint-url must be an absolute URL (e.g. http://127.0.0.1:4566), not '{EndpointUrl}'.")
            : ValidationResult.Success();
    }
}
