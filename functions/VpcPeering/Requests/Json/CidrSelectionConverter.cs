using System.Text.Json;
using System.Text.Json.Serialization;

namespace VpcPeering.Requests.Json;

/// <summary>Reads <c>"all"</c> or <c>["10.2.0.0/16", …]</c>.</summary>
public sealed class CidrSelectionConverter : JsonConverter<CidrSelection>
{
    public override CidrSelection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String when string.Equals(reader.GetString(), "all", StringComparison.OrdinalIgnoreCase) => CidrSelection.All,
            JsonTokenType.StartArray => new CidrSelection.List(JsonReading.ReadStringArray(ref reader, "CIDR blocks")),
            _ => throw new JsonException("\"all\" or a list of CIDR blocks"),
        };

    public override void Write(Utf8JsonWriter writer, CidrSelection value, JsonSerializerOptions options)
    {
        if (value is CidrSelection.List list)
        {
            JsonReading.WriteStringArray(writer, list.Cidrs);
        }
        else
        {
            writer.WriteStringValue("all");
        }
    }
}
