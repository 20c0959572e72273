using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace VpcPeering.Cli.Commands.Serve;

/// <summary>Options of <c>vpc-peering serve</c>.</summary>
internal sealed class ServeSettings : CommandSettings
{
    [CommandOption("--port <PORT>")]
    [Description("Port on 127.0.0.1 to listen on (0 picks a free port).")]
    [DefaultValue(4566)]
    public int Port { get; set; } = 4566;

    [CommandOption("--topology <FILE>")]
    [Description("Topology file (YAML) that seeds accounts, VPCs and roles; repeatable. Ignored when --state already exists.")]
    public string[] Topology { get; set; } = [];

    [CommandOption("--state <FILE>")]
    [Description("State file: read at start when it exists, written on shutdown.")]
    public string? State { get; set; }

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > 65535)
        {
            return ValidationResult.Error($"--port {Port} is not a TCP port; use 0 to 65535 (0 picks a free port).");
        }

        var missing = Topology.FirstOrDefault(f => !File.Exists(f));
        return missing is null
            ? ValidationResult.Success()
            : ValidationResult.Error($"The topology file '{missing}' does not exist.");
    }
}
