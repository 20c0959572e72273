using System.Text.Json;
using System.Text.Json.Serialization;

namespace LocalCloud.Ec2;

public sealed partial class Ec2Model
{
    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Writes the whole state as JSON (for <c>serve --state</c>).</summary>
    public void Export(Stream destination)
    {
        lock (_gate)
        {
            JsonSerializer.Serialize(destination, _state, SnapshotJson);
        }
    }

    /// <summary>Replaces the whole state with one written by <see cref="Export"/>.</summary>
    public void Import(Stream source)
    {
        var state = JsonSerializer.Deserialize<Ec2State>(source, SnapshotJson)
            ?? throw new InvalidDataException("The EC2 state snapshot is empty.");
        lock (_gate)
        {
            _state = state;
        }
    }
}
