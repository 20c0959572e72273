namespace VpcPeering.Cli.Commands.Validate;

/// <summary>One problem in one project file: where it is and what to fix.</summary>
/// <param name="File">The file, relative to the project root.</param>
/// <param name="Location">A JSON pointer, JSON path or template property path inside the file.</param>
/// <param name="Message">What is wrong and what is expected.</param>
internal sealed record ValidationFinding(string File, string Location, string Message)
{
    public override string ToString() => Location.Length == 0 ? $"{File}: {Message}" : $"{File}: {Location}: {Message}";
}
