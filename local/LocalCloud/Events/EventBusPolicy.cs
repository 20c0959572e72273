using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Protocols;
using LocalCloud.Iam;

namespace LocalCloud.Events;

/// <summary>
/// An event bus's resource-based policy. PutPermission adds statements; a whole document can also be set.
/// Evaluation (by the IAM policy evaluator) answers whether a principal of another account, optionally in an organisation,
/// may call <c>events:PutEvents</c> on the bus: an explicit Deny wins, otherwise some Allow must match.
/// </summary>
public sealed class EventBusPolicy
{
    private readonly JsonArray _statements = [];

    /// <summary>True when the policy has no statements.</summary>
    public bool IsEmpty => _statements.Count == 0;

    /// <summary>The policy document as DescribeEventBus returns it, or null when empty.</summary>
    public string? ToJson() => IsEmpty
        ? null
        : new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = _statements.DeepClone() }.ToJsonString(AwsJson.Relaxed);

    /// <summary>Replaces the whole policy (PutPermission with <c>Policy</c>).</summary>
    public void Replace(string document)
    {
        JsonNode? statement;
        try
        {
            statement = JsonNode.Parse(document)?["Statement"];
        }
        catch (JsonException)
        {
            throw new AwsServiceException("ValidationException", "Policy is not valid JSON.");
        }

        var statements = statement switch
        {
            JsonArray array => [.. array.Select(s => s?.DeepClone())],
            JsonObject single => new List<JsonNode?> { single.DeepClone() },
            _ => throw new AwsServiceException("ValidationException", "Policy must contain a Statement."),
        };
        _statements.Clear();
        foreach (var s in statements)
        {
            _statements.Add(s);
        }
    }

    /// <summary>Adds a statement the way PutPermission does (Principal <c>*</c> or an account id, optional condition).</summary>
    public void AddPermission(string busArn, string statementId, string action, string principal, JsonObject? condition)
    {
        if (_statements.OfType<JsonObject>().Any(s => s["Sid"]?.GetValue<string>() == statementId))
        {
            throw new AwsServiceException("ResourceAlreadyExistsException", $"Statement with id {statementId} already exists.");
        }

        if (principal != "*" && !Hosting.CredentialStore.IsAccountId(principal))
        {
            throw new AwsServiceException("ValidationException", $"Principal {principal} is not a valid account id or *.");
        }

        if (principal == "*" && condition is null)
        {
            throw new AwsServiceException("ValidationException", "A Condition is required when Principal is *.");
        }

        var statement = new JsonObject
        {
            ["Sid"] = statementId,
            ["Effect"] = "Allow",
            ["Principal"] = principal == "*" ? "*" : new JsonObject { ["AWS"] = $"arn:aws:iam::{principal}:root" },
            ["Action"] = action,
            ["Resource"] = busArn,
        };
        if (condition is not null)
        {
            var type = condition["Type"]?.GetValue<string>() ?? "StringEquals";
            var key = condition["Key"]?.GetValue<string>() ?? "aws:PrincipalOrgID";
            statement["Condition"] = new JsonObject { [type] = new JsonObject { [key] = condition["Value"]?.DeepClone() } };
        }

        _statements.Add(statement);
    }

    /// <summary>Removes one statement, or all when <paramref name="statementId"/> is null.</summary>
    public void RemovePermission(string? statementId)
    {
        if (statementId is null)
        {
            _statements.Clear();
            return;
        }

        var statement = _statements.OfType<JsonObject>().FirstOrDefault(s => s["Sid"]?.GetValue<string>() == statementId)
            ?? throw new AwsServiceException("ResourceNotFoundException", "Statement with the provided id does not exist.");
        _statements.Remove(statement);
    }

    /// <summary>Whether <paramref name="sender"/> (in <paramref name="organizationId"/>, if any) may put events on the bus.</summary>
    public bool Allows(AwsPrincipal sender, string? organizationId, string busArn, string action = "events:PutEvents")
    {
        if (ToJson() is not { } json)
        {
            return false;
        }

        var context = new Dictionary<string, string>(StringComparer.Ordinal) { ["aws:PrincipalAccount"] = sender.AccountId };
        if (organizationId is not null)
        {
            context["aws:PrincipalOrgID"] = organizationId;
        }

        return PolicyEvaluator.EvaluateResourcePolicy(PolicyDocument.Parse(json), PolicyPrincipal.ForCaller(sender), action, busArn, context)
            == PolicyDecision.Allow;
    }
}
