using Spectre.Console.Testing;

namespace VpcPeering.Cli.Tests;

/// <summary>Runs `vpc-peering` in-process on a captured console, from the repository root.</summary>
internal static class CliRunner
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 240;
        var exitCode = await CliApplication.RunAsync(args.Contains("--root") ? args : [.. args, "--root", RepositoryRoot], console);
        return (exitCode, console.Output);
    }

    public static string Example(string name) => Path.Combine(RepositoryRoot, "examples", name);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Serverless.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }
}
