namespace VpcPeering.Cli.Output;

/// <summary>A failure the user can fix: printed as one line and a hint, never as a stack trace.</summary>
internal sealed class CliException(string message, string? hint = null, int exitCode = 2) : Exception(message)
{
    public string? Hint { get; } = hint;

    public int ExitCode { get; } = exitCode;
}
