using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli.Output;

namespace VpcPeering.Cli;

/// <summary>The whole `vpc-peering` program on a given console: Program uses the terminal, tests a captured console.</summary>
internal static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            CliConfiguration.Configure(config);
            config.ConfigureConsole(console);
        });

        try
        {
            return await app.RunAsync(args);
        }
        catch (Exception error)
        {
            return CliErrorReporter.Report(error, console, args.Contains("--verbose"));
        }
    }
}
