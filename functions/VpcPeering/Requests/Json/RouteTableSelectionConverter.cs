using System.Text.Json;
using System.Text.Json.Serialization;

namespace VpcPeering.Requests.Json;

/// <summary>Reads <c>"all"</c>, <c>["rtb-…"]</c> or <c>{"tags": {"Key": "Value"}}</c>.</summary>
public sealed class RouteTableSelectionConverter : JsonConverter<RouteTableSelection>
{
    private const string Expected = "\"all\", a list of route table ids, or {\"tags\": {\"Key\": \"Value\"}}";

    public override RouteTableSelection Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String when string.Equals(reader.GetString(), "all", StringComparison.OrdinalIgnoreCase):
                return RouteTableSelection.All;
            case JsonTokenType.StartArray:
                return new RouteTableSelection.ByIds(JsonReading.ReadStringArray(ref reader, "route table ids"));
            case JsonTokenType.StartObject:
                reader.Read();
                if (reader.TokenType != JsonTokenType.PropertyName || reader.GetString() != "tags")
                {
                    throw new JsonException(Expected);
                }

                reader.Read();
                var tags = JsonReading.ReadStringMap(ref reader, "route table tag filter");
                reader.Read();
                return reader.TokenType == JsonTokenType.EndObject
                    ? new RouteTableSelection.ByTags(tags)
                    : throw new JsonException(Expected);
            default:
                throw new JsonException(Expected);
        }
    }

    public override void Write(Utf8JsonWriter writer, RouteTableSelection value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case RouteTableSelection.ByIds ids:
                JsonReading.WriteStringArray(writer, ids.RouteTableIds);
                break;
            case RouteTableSelection.ByTags byTags:
                writer.WriteStartObject();
                writer.WriteStartObject("tags");
                foreach (var (key, tagValue) in byTags.Tags)
                {
                    writer.WriteString(key, tagValue);
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue("all");
                break;
        }
    }
}
