using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalCloud.Iam;

/// <summary>
/// A parsed IAM policy document (identity or trust policy): its statements with Effect, Principal, Action/NotAction,
/// Resource/NotResource and Condition, following the IAM JSON policy element reference.
/// </summary>
public sealed class PolicyDocument
{
    private PolicyDocument(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    /// <summary>The statements in document order.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>Parses a policy; <see cref="FormatException"/> when the JSON is not a policy document.</summary>
    public static PolicyDocument Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException error)
        {
            throw new FormatException($"The policy is not valid JSON: {error.Message}", error);
        }

        var statement = root?["Statement"] ?? throw new FormatException("The policy has no Statement element.");
        var nodes = statement is JsonArray array ? [.. array] : new List<JsonNode?> { statement };
        return new PolicyDocument([.. nodes.OfType<JsonObject>().Select(ParseStatement)]);
    }

    private static PolicyStatement ParseStatement(JsonObject node)
    {
        var effect = node["Effect"]?.GetValue<string>();
        if (effect is not ("Allow" or "Deny"))
        {
            throw new FormatException($"A statement has Effect '{effect}'; IAM accepts only Allow or Deny.");
        }

        return new PolicyStatement(
            node["Sid"]?.GetValue<string>(),
            effect == "Allow",
            Principals(node["Principal"]),
            Principals(node["NotPrincipal"]),
            Strings(node["Action"]),
            Strings(node["NotAction"]),
            Strings(node["Resource"]),
            Strings(node["NotResource"]),
            Conditions(node["Condition"]));
    }

    private static IReadOnlyList<string>? Strings(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => [.. array.Select(item => item?.ToString() ?? string.Empty)],
        _ => [node.ToString()],
    };

    private static IReadOnlyDictionary<string, IReadOnlyList<string>>? Principals(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => map.ToDictionary(p => p.Key, p => Strings(p.Value) ?? [], StringComparer.Ordinal),
        _ => new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["*"] = [node.ToString()] },
    };

    private static IReadOnlyList<PolicyCondition> Conditions(JsonNode? node)
    {
        if (node is not JsonObject operators)
        {
            return [];
        }

        return
        [
            .. from op in operators
               where op.Value is JsonObject
               from key in op.Value!.AsObject()
               select new PolicyCondition(op.Key, key.Key, Strings(key.Value) ?? []),
        ];
    }
}

/// <summary>One policy statement. Null lists mean the element is absent.</summary>
/// <param name="Sid">The optional statement id.</param>
/// <param name="IsAllow">True for <c>"Effect": "Allow"</c>, false for Deny.</param>
/// <param name="Principal">Principal by type: <c>AWS</c>, <c>Service</c>, <c>Federated</c>; <c>*</c> for <c>"Principal": "*"</c>.</param>
/// <param name="NotPrincipal">NotPrincipal, same shape.</param>
/// <param name="Action">Action patterns.</param>
/// <param name="NotAction">NotAction patterns.</param>
/// <param name="Resource">Resource patterns.</param>
/// <param name="NotResource">NotResource patterns.</param>
/// <param name="Conditions">Condition entries; all must hold.</param>
public sealed record PolicyStatement(
    string? Sid,
    bool IsAllow,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Principal,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? NotPrincipal,
    IReadOnlyList<string>? Action,
    IReadOnlyList<string>? NotAction,
    IReadOnlyList<string>? Resource,
    IReadOnlyList<string>? NotResource,
    IReadOnlyList<PolicyCondition> Conditions);

/// <summary>One condition: operator (e.g. <c>StringEquals</c>), context key (e.g. <c>sts:ExternalId</c>) and accepted values.</summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);
