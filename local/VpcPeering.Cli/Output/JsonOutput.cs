using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace VpcPeering.Cli.Output;

/// <summary>Writes JSON for scripts straight to the console's writer: no markup, no wrapping at the terminal width.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(IAnsiConsole console, JsonNode? json)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(json?.ToJsonString(Indented) ?? "null");
        writer.Flush();
    }
}
