using Spectre.Console;
using Spectre.Console.Cli;
using VpcPeering.Cli;
using VpcPeering.Cli.Output;

if (Console.IsOutputRedirected)
{
    // Plain text for logs and pipes: no colours, and lines as wide as the tables need.
    AnsiConsole.Profile.Width = 160;
}

var app = new CommandApp();
app.Configure(CliConfiguration.Configure);
try
{
    return await app.RunAsync(args);
}
catch (Exception error)
{
    return CliErrorReporter.Report(error, AnsiConsole.Console, args.Contains("--verbose"));
}
