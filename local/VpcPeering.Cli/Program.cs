using Spectre.Console;
using VpcPeering.Cli;

if (Console.IsOutputRedirected)
{
    // Plain text for logs and pipes: no colours, and lines as wide as the tables need.
    AnsiConsole.Profile.Width = 160;
}

return await CliApplication.RunAsync(args, AnsiConsole.Console);
