using Spectre.Console;
using Spectre.Console.Cli;

namespace VpcPeering.Cli.Output;

/// <summary>Turns any exception that escapes a command into one clear line, a hint and an exit code.</summary>
internal static class CliErrorReporter
{
    public static int Report(Exception error, IAnsiConsole console, bool verbose)
    {
        var (message, hint, exitCode) = error switch
        {
            CliException cli => (cli.Message, cli.Hint, cli.ExitCode),
            CommandParseException parse => (parse.Message, "Run `vpc-peering --help` to see the commands and their options.", 2),
            CommandRuntimeException runtime => (runtime.Message, "Run the command with --help to see its arguments.", 2),
            FileNotFoundException missing => ($"File not found: {missing.FileName ?? missing.Message}", "Check the path; relative paths start at the current directory.", 2),
            DirectoryNotFoundException missing => (missing.Message, "Check the path; relative paths start at the current directory.", 2),
            _ => ($"{error.GetType().Name}: {error.Message}", "This is a bug in vpc-peering; run again with --verbose and report the stack trace.", 70),
        };

        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        if (hint is not null)
        {
            console.MarkupLineInterpolated($"[grey]hint:[/] {hint}");
        }

        if (verbose)
        {
            console.WriteLine(error.ToString());
        }

        return exitCode;
    }
}
