using Spectre.Console.Cli;

namespace VpcPeering.Cli;

/// <summary>Registers every `vpc-peering` command; tests build the same app through this.</summary>
internal static class CliConfiguration
{
    public static void Configure(IConfigurator config)
    {
        config.SetApplicationName("vpc-peering");
        config.PropagateExceptions();
        config.ValidateExamples();
    }
}
