using System.Text.Json;

namespace VpcPeering.Requests.Json;

/// <summary>Small helpers shared by the union-type converters.</summary>
internal static class JsonReading
{
    public static List<string> ReadStringArray(ref Utf8JsonReader reader, string what)
    {
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"only strings ({what})"));
        }

        return items;
    }

    public static Dictionary<string, string> ReadStringMap(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"an object of tag keys to string values ({what})");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            map[key] = reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"string tag values ({what})");
        }

        return map;
    }

    public static void WriteStringArray(Utf8JsonWriter writer, IEnumerable<string> items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
