using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.Core;

namespace LocalCloud.Protocols;

/// <summary>JSON helpers shared by the JSON wire protocols (EventBridge, Step Functions, Lambda).</summary>
internal static class AwsJson
{
    /// <summary>Serializer options that keep <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and non-ASCII text readable, as AWS does.</summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The event <c>time</c> format, <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses a JSON request body, or answers a serialization error as AWS JSON services do.</summary>
    public static JsonObject ParseBody(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(body.Span) as JsonObject
                ?? throw new AwsServiceException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw new AwsServiceException("SerializationException", "The request body is not valid JSON.");
        }
    }

    /// <summary>A JSON response.</summary>
    public static AwsServiceResponse Response(JsonNode body, string contentType, int statusCode = 200) =>
        AwsServiceResponse.Text(statusCode, contentType, body.ToJsonString(Relaxed));

    /// <summary>A required string member, or <c>ValidationException</c>.</summary>
    public static string RequiredString(JsonObject body, string name) =>
        OptionalString(body, name) is { Length: > 0 } value
            ? value
            : throw new AwsServiceException("ValidationException",
                $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    /// <summary>An optional string member.</summary>
    public static string? OptionalString(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>An optional integer member.</summary>
    public static int? OptionalInt(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<int>() : null;
}
