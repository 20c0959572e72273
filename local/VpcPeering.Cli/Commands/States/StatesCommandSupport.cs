using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using StatesLanguage;

namespace VpcPeering.Cli.Commands.States;

/// <summary>A failure of a <c>states</c> command, printed as <c>{"Error","Cause"}</c>.</summary>
internal sealed class StatesCommandException(string error, string cause) : Exception(cause)
{
    public string Error => error;
}

/// <summary>Reading the files and writing the JSON that the <c>states</c> commands share.</summary>
internal static class StatesCommandSupport
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ReadFile(string path, string what) =>
        File.Exists(path)
            ? File.ReadAllText(path)
            : throw new StatesCommandException("FileNotFound", $"The {what} file '{path}' does not exist.");

    public static Dictionary<string, string> Substitutions(IEnumerable<string> entries)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var at = entry.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new StatesCommandException("InvalidSubstitution", $"'{entry}' is not NAME=VALUE.");
            }

            result[entry[..at]] = entry[(at + 1)..];
        }

        return result;
    }

    public static DefinitionValidation Validate(StatesValidateSettings settings) =>
        StateMachineDefinition.Validate(ReadFile(settings.Definition, "definition"), Substitutions(settings.Substitute));

    public static JsonArray Problems(DefinitionValidation validation) =>
        [.. validation.Problems.Select(p => (JsonNode)new JsonObject { ["Pointer"] = p.Pointer, ["Message"] = p.Message })];

    public static JsonNode? ParseInput(string json, string path)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new StatesCommandException("InvalidInput",
                $"The input file '{path}' is not valid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}.");
        }
    }

    /// <summary>Writes JSON straight to the console's output, bypassing markup and line wrapping.</summary>
    public static void Write(IAnsiConsole console, JsonNode? json) =>
        console.Profile.Out.Writer.WriteLine(json is null ? "null" : json.ToJsonString(Indented));

    public static JsonObject Error(string? error, string? cause) => new() { ["Error"] = error, ["Cause"] = cause };
}
