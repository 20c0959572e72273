using System.Text.Json.Serialization;

namespace VpcPeering.Requests.Json;

/// <summary>Source-generated (trim- and AOT-safe) serialization of the request document; unknown properties are errors.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    WriteIndented = true)]
[JsonSerializable(typeof(PeeringRequestDocument))]
public sealed partial class PeeringJsonContext : JsonSerializerContext;
