using System.Text;
using System.Text.Json;

namespace VpcPeering.Functions.Hosting;

/// <summary>One JSON line per meaningful event, with the function, the execution and the peering it concerns.</summary>
public sealed class FunctionLog(TextWriter writer, TimeProvider time, string function, bool debug = false)
{
    private static readonly Lock WriteGate = new();

    /// <summary>A log for one invocation: every line carries <paramref name="executionName"/>.</summary>
    public InvocationLog For(string? executionName) => new(this, executionName);

    internal void Write(string level, string? executionName, string action, string message, string? peeringConnectionId, string? error)
    {
        if (level == "Debug" && !debug)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", time.GetUtcNow());
            json.WriteString("level", level);
            json.WriteString("function", function);
            WriteIfSet(json, "execution", executionName);
            WriteIfSet(json, "pcx", peeringConnectionId);
            json.WriteString("action", action);
            WriteIfSet(json, "error", error);
            json.WriteString("message", message);
            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.ToArray());
        lock (WriteGate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}

/// <summary>The log of one invocation.</summary>
public sealed class InvocationLog(FunctionLog log, string? executionName)
{
    public void Info(string action, string message, string? peeringConnectionId = null) =>
        log.Write("Information", executionName, action, message, peeringConnectionId, null);

    public void Debug(string action, string message, string? peeringConnectionId = null) =>
        log.Write("Debug", executionName, action, message, peeringConnectionId, null);

    public void Error(string action, string error, string message, string? peeringConnectionId = null) =>
        log.Write("Error", executionName, action, message, peeringConnectionId, error);
}
