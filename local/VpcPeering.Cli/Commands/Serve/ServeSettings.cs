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
    [Description("State file: read at start when it exists, written on shutdown (EC2, IAM, and with --template EventBridge and Lambda; Step Functions state machines and executions are not kept: the stack is deployed again at each start).")]
    public string? State { get; set; }

    [CommandOption("--template <FILE>")]
    [Description("The product's template.yaml: serve the whole cloud (Lambda, Step Functions, EventBridge too) with the stack deployed into each --account.")]
    public string? Template { get; set; }

    [CommandOption("--account <ID>")]
    [Description("Account (12 digits) to deploy the --template stack into; repeatable.")]
    public string[] Account { get; set; } = [];

    [CommandOption("--region <REGION>")]
    [Description("Region to deploy the --template stack into.")]
    [DefaultValue("us-east-1")]
    public string Region { get; set; } = "us-east-1";

    [CommandOption("--parameter <NAME=VALUE>")]
    [Description("Stack parameter override for --template; repeatable.")]
    public string[] Parameter { get; set; } = [];

    /// <summary>The <c>--parameter</c> overrides by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters =>
        Parameter.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    public override ValidationResult Validate()
    {
        if (Port is < 0 or > 65535)
        {
            return ValidationResult.Error($"--port {Port} is not a TCP port; use 0 to 65535 (0 picks a free port).");
        }

        var missing = Topology.FirstOrDefault(f => !File.Exists(f));
        if (missing is not null)
        {
            return ValidationResult.Error($"The topology file '{missing}' does not exist.");
        }

        if (Template is null)
        {
            return Account.Length > 0 || Parameter.Length > 0
                ? ValidationResult.Error("--account and --parameter need --template FILE (the stack to deploy).")
                : ValidationResult.Success();
        }

        if (!File.Exists(Template))
        {
            return ValidationResult.Error($"The template file '{Template}' does not exist.");
        }

        if (Account.Length == 0)
        {
            return ValidationResult.Error("--template needs at least one --account ID to deploy the stack into.");
        }

        var badAccount = Account.FirstOrDefault(a => a.Length != 12 || !a.All(char.IsAsciiDigit));
        if (badAccount is not null)
        {
            return ValidationResult.Error($"--account {badAccount} is not an account id; use 12 digits.");
        }

        var badParameter = Parameter.FirstOrDefault(p => p.IndexOf('=', StringComparison.Ordinal) < 1);
        return badParameter is null
            ? ValidationResult.Success()
            : ValidationResult.Error($"--parameter {badParameter} is not Name=Value.");
    }
}
