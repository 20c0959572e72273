using System.Text.Json;
using System.Text.Json.Serialization;
using VpcPeering.Planning;

namespace VpcPeering.Functions.Contracts;

/// <summary>Source-generated JSON for every handler input and output: camelCase, enums as strings, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(StepInput))]
[JsonSerializable(typeof(ResolveInput))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ResolveResult))]
[JsonSerializable(typeof(PreflightResult))]
[JsonSerializable(typeof(PeeringPlan))]
[JsonSerializable(typeof(PeeringResult))]
[JsonSerializable(typeof(ConfigureResult))]
[JsonSerializable(typeof(VerifyResult))]
[JsonSerializable(typeof(CleanupResult))]
[JsonSerializable(typeof(DecisionResult))]
[JsonSerializable(typeof(ReconcileResult))]
public sealed partial class FunctionJsonContext : JsonSerializerContext;
