using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>
/// The SAM policy templates the local cloud expands, with the statements SAM documents for each
/// ("AWS SAM policy templates" in the SAM Developer Guide). A template's parameters fill <c>${…}</c> in its ARNs.
/// </summary>
internal static class SamPolicyTemplates
{
    private sealed record Template(IReadOnlyList<string> Parameters, Func<Func<string, JsonNode>, JsonArray> Statements);

    private static readonly Dictionary<string, Template> Templates = new(StringComparer.Ordinal)
    {
        ["LambdaInvokePolicy"] = new(["FunctionName"], p =>
            [Statement(["lambda:InvokeFunction"], Arn("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${functionName}*", "functionName", p("FunctionName")))]),
        ["StepFunctionsExecutionPolicy"] = new(["StateMachineName"], p =>
            [Statement(["states:StartExecution"], Arn("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${stateMachineName}", "stateMachineName", p("StateMachineName")))]),
        ["StepFunctionsCallbackPolicy"] = new(["StateMachineName"], p =>
            [Statement(["states:SendTaskFailure", "states:SendTaskHeartbeat", "states:SendTaskSuccess"],
                Arn("arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${stateMachineName}", "stateMachineName", p("StateMachineName")))]),
        ["EventBridgePutEventsPolicy"] = new(["EventBusName"], p =>
            [Statement(["events:PutEvents"], Arn("arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/${eventBusName}", "eventBusName", p("EventBusName")))]),
        ["Ec2DescribePolicy"] = new([], _ => [Statement(["ec2:DescribeRegions", "ec2:DescribeInstances"], "*")]),
        ["CloudWatchPutMetricPolicy"] = new([], _ => [Statement(["cloudwatch:PutMetricData"], "*")]),
    };

    /// <summary>True when SAM has a policy template of that name that the local cloud expands.</summary>
    public static bool IsKnown(string name) => Templates.ContainsKey(name);

    /// <summary>The names the local cloud expands, for error messages.</summary>
    public static IEnumerable<string> Names => Templates.Keys.Order(StringComparer.Ordinal);

    /// <summary>Expands <c>{Name: {Parameter: value}}</c> into a policy document, or reports missing and unknown parameters.</summary>
    public static JsonObject? Expand(string name, JsonNode? parameters, string path, TemplateErrors errors)
    {
        var template = Templates[name];
        var given = parameters as JsonObject ?? [];
        if (parameters is not null and not JsonObject)
        {
            errors.Add(path, $"policy template {name} takes a mapping of parameters");
            return null;
        }

        var ok = true;
        foreach (var missing in template.Parameters.Where(p => !given.ContainsKey(p)))
        {
            errors.Add(path, $"policy template {name} needs parameter '{missing}'");
            ok = false;
        }

        foreach (var (extra, _) in given.Where(p => !template.Parameters.Contains(p.Key)))
        {
            errors.Add(TemplatePath.Child(path, extra), $"policy template {name} has no parameter '{extra}'");
            ok = false;
        }

        return ok
            ? new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = template.Statements(p => given[p]!.DeepClone()) }
            : null;
    }

    private static JsonObject Statement(string[] actions, JsonNode resource) => new()
    {
        ["Action"] = new JsonArray([.. actions.Select(a => (JsonNode?)JsonValue.Create(a))]),
        ["Effect"] = "Allow",
        ["Resource"] = resource,
    };

    private static JsonObject Arn(string pattern, string variable, JsonNode value) =>
        new() { ["Fn::Sub"] = new JsonArray(pattern, new JsonObject { [variable] = value }) };
}
