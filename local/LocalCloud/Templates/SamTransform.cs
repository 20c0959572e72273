using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LocalCloud.Templates;

/// <summary>
/// The part of the <c>AWS::Serverless-2016-10-31</c> transform the product uses: Globals, <c>AWS::Serverless::Function</c>
/// and <c>AWS::Serverless::StateMachine</c> become the CloudFormation resources SAM generates, with SAM's logical ids
/// (<c>XRole</c>, <c>XAliaslive</c>, <c>XEventName</c>, <c>XEventNamePermission</c>, <c>XEventNameRole</c>).
/// </summary>
internal sealed class SamTransform(
    string templateDirectory, Func<string, string?> readFile, IntrinsicEvaluator evaluator, TemplateErrors errors)
{
    public const string Name = "AWS::Serverless-2016-10-31";
    private const string FunctionType = "AWS::Serverless::Function";
    private const string StateMachineType = "AWS::Serverless::StateMachine";

    private static readonly PropertyShape EventBridgeRuleShape = PropertyShape.Object(
        ("Pattern", null), ("EventBusName", null), ("Input", null), ("InputPath", null),
        ("InputTransformer", PropertyShape.Names("InputPathsMap", "InputTemplate")),
        ("RetryPolicy", PropertyShape.Names("MaximumEventAgeInSeconds", "MaximumRetryAttempts")),
        ("DeadLetterConfig", PropertyShape.Names("Arn")), ("RuleName", null), ("State", null), ("Target", PropertyShape.Names("Id")));

    private static readonly PropertyShape ScheduleShape = PropertyShape.Object(
        ("Schedule", null), ("Name", null), ("Description", null), ("Enabled", null), ("State", null), ("Input", null),
        ("RetryPolicy", PropertyShape.Names("MaximumEventAgeInSeconds", "MaximumRetryAttempts")),
        ("DeadLetterConfig", PropertyShape.Names("Arn")), ("Target", PropertyShape.Names("Id")));

    private static readonly PropertyShape EventsShape = PropertyShape.Names("Type", "Properties");

    private static readonly PropertyShape FunctionShape = PropertyShape.Object(
        ("Handler", null), ("Runtime", null), ("CodeUri", null), ("Description", null), ("MemorySize", null), ("Timeout", null),
        ("Environment", PropertyShape.Names("Variables")), ("Tags", null), ("PropagateTags", null), ("Tracing", null),
        ("AutoPublishAlias", null), ("AutoPublishAliasAllProperties", null), ("VersionDescription", null), ("Architectures", null),
        ("SnapStart", PropertyShape.Names("ApplyOn")), ("LoggingConfig", null), ("ReservedConcurrentExecutions", null),
        ("FunctionName", null), ("Role", null), ("RolePath", null), ("Policies", null), ("Events", null));

    private static readonly PropertyShape StateMachineShape = PropertyShape.Object(
        ("Definition", null), ("DefinitionUri", null), ("DefinitionSubstitutions", null), ("Events", null),
        ("Logging", PropertyShape.Object(
            ("Destinations", PropertyShape.Object(("CloudWatchLogsLogGroup", PropertyShape.Names("LogGroupArn"))).ListOf()),
            ("IncludeExecutionData", null), ("Level", null))),
        ("Name", null), ("Policies", null), ("Role", null), ("RolePath", null), ("Tags", null), ("PropagateTags", null),
        ("Tracing", null), ("Type", null));

    private static readonly Dictionary<string, PropertyShape> GlobalSections = new(StringComparer.Ordinal)
    {
        ["Function"] = PropertyShape.Names(
            "Handler", "Runtime", "CodeUri", "Description", "MemorySize", "Timeout", "Environment", "Tags", "PropagateTags", "Tracing",
            "AutoPublishAlias", "AutoPublishAliasAllProperties", "Architectures", "SnapStart", "LoggingConfig", "ReservedConcurrentExecutions",
            "RolePath"),
        ["StateMachine"] = PropertyShape.Names("PropagateTags"),
    };

    private readonly Dictionary<string, string> _aliasIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _versionIds = new(StringComparer.Ordinal);

    /// <summary>True when the template's Transform names the SAM transform.</summary>
    public static bool IsDeclared(JsonNode? transform) => transform switch
    {
        JsonValue value => TemplateJson.ScalarText(value) == Name,
        JsonArray list => list.Any(t => TemplateJson.ScalarText(t) == Name),
        _ => false,
    };

    /// <summary>Returns the template's resources with SAM resources replaced by what they generate; rewrites <c>X.Alias</c> refs.</summary>
    public JsonObject Transform(JsonObject resources, JsonObject? globals, JsonObject? outputs)
    {
        ValidateGlobals(globals);
        var result = new JsonObject();
        foreach (var (logicalId, node) in resources)
        {
            if (node is not JsonObject resource)
            {
                result[logicalId] = node?.DeepClone();
                continue;
            }

            switch (TemplateJson.ScalarText(resource["Type"]))
            {
                case FunctionType:
                    Function(logicalId, resource, globals?["Function"] as JsonObject, result);
                    break;
                case StateMachineType:
                    StateMachine(logicalId, resource, globals?["StateMachine"] as JsonObject, result);
                    break;
                default:
                    result[logicalId] = resource.DeepClone();
                    break;
            }
        }

        foreach (var (_, resource) in result)
        {
            RewriteReferences(resource);
        }

        RewriteReferences(outputs);
        return result;
    }

    private void ValidateGlobals(JsonObject? globals)
    {
        foreach (var (section, value) in globals ?? [])
        {
            if (!GlobalSections.TryGetValue(section, out var shape))
            {
                errors.Add(TemplatePath.Child("Globals", section), $"Globals section '{section}' is not supported (Function, StateMachine)");
                continue;
            }

            shape.Validate(value, TemplatePath.Child("Globals", section), errors, $"Globals.{section}");
        }
    }

    /// <summary>SAM's merge: a resource's value wins for scalars, mappings merge key by key, lists are concatenated.</summary>
    internal static JsonNode? Merge(JsonNode? global, JsonNode? local)
    {
        if (global is null)
        {
            return local?.DeepClone();
        }

        if (local is null)
        {
            return global.DeepClone();
        }

        if (global is JsonObject g && local is JsonObject l && !TemplateJson.IsIntrinsic(g, out _, out _) && !TemplateJson.IsIntrinsic(l, out _, out _))
        {
            var merged = (JsonObject)g.DeepClone();
            foreach (var (key, value) in l)
            {
                merged[key] = Merge(g[key], value);
            }

            return merged;
        }

        if (global is JsonArray ga && local is JsonArray la)
        {
            return new JsonArray([.. ga.Select(n => n?.DeepClone()), .. la.Select(n => n?.DeepClone())]);
        }

        return local.DeepClone();
    }

    private static JsonObject WithGlobals(JsonObject properties, JsonObject? globals)
    {
        var merged = new JsonObject();
        foreach (var (key, value) in globals ?? [])
        {
            merged[key] = Merge(value, properties[key]);
        }

        foreach (var (key, value) in properties)
        {
            if (!merged.ContainsKey(key))
            {
                merged[key] = value?.DeepClone();
            }
        }

        return merged;
    }

    private void Function(string id, JsonObject resource, JsonObject? globals, JsonObject output)
    {
        var path = $"Resources.{id}.Properties";
        var local = resource["Properties"] as JsonObject ?? [];
        FunctionShape.Validate(local, path, errors, FunctionType);
        var properties = WithGlobals(local, globals);
        var codeUri = LocalPath(properties["CodeUri"], TemplatePath.Child(path, "CodeUri"));

        var function = new JsonObject();
        foreach (var name in new[] { "Handler", "Runtime", "Architectures", "MemorySize", "Timeout", "Environment", "FunctionName",
                     "SnapStart", "Description", "Tags", "LoggingConfig", "ReservedConcurrentExecutions" })
        {
            if (properties[name] is { } value)
            {
                function[name] = value.DeepClone();
            }
        }

        if (properties["Tracing"] is { } tracing)
        {
            function["TracingConfig"] = new JsonObject { ["Mode"] = tracing.DeepClone() };
        }

        function["Role"] = properties["Role"]?.DeepClone() ?? GetAtt($"{id}Role", "Arn");
        output[id] = Generated(resource, "AWS::Lambda::Function", function, id,
            new JsonObject { ["SamResourceId"] = id, ["SamCodeUri"] = codeUri });

        if (properties["Role"] is null)
        {
            output[$"{id}Role"] = Generated(resource, "AWS::IAM::Role",
                Role("lambda.amazonaws.com", properties["Policies"], $"{id}Role", TemplatePath.Child(path, "Policies"), properties["RolePath"], lambda: true), id);
        }

        var target = GetAtt(id, "Arn");
        if (TemplateJson.ScalarText(evaluator.Resolve(properties["AutoPublishAlias"], TemplatePath.Child(path, "AutoPublishAlias"))) is { Length: > 0 } alias)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{codeUri}|{TemplateJson.ToText(function)}")))[..10].ToLowerInvariant();
            var versionId = $"{id}Version{hash}";
            var aliasId = $"{id}Alias{alias}";
            _versionIds[id] = versionId;
            _aliasIds[id] = aliasId;
            var version = new JsonObject { ["FunctionName"] = Ref(id) };
            Copy(properties, "VersionDescription", version, "Description");
            output[versionId] = Generated(resource, "AWS::Lambda::Version", version, id);
            output[aliasId] = Generated(resource, "AWS::Lambda::Alias", new JsonObject
            {
                ["Name"] = alias,
                ["FunctionName"] = Ref(id),
                ["FunctionVersion"] = GetAtt(versionId, "Version"),
            }, id);
            target = Ref(aliasId);
        }

        foreach (var (eventId, eventNode) in Events(properties["Events"], TemplatePath.Child(path, "Events")))
        {
            var eventPath = TemplatePath.Child(TemplatePath.Child(path, "Events"), eventId);
            var rule = Rule(eventNode, eventPath, $"{id}{eventId}LambdaTarget", target, roleArn: null);
            if (rule is null)
            {
                continue;
            }

            output[$"{id}{eventId}"] = Generated(resource, "AWS::Events::Rule", rule, id);
            output[$"{id}{eventId}Permission"] = Generated(resource, "AWS::Lambda::Permission", new JsonObject
            {
                ["Action"] = "lambda:InvokeFunction",
                ["FunctionName"] = target.DeepClone(),
                ["Principal"] = "events.amazonaws.com",
                ["SourceArn"] = GetAtt($"{id}{eventId}", "Arn"),
            }, id);
        }
    }

    private void StateMachine(string id, JsonObject resource, JsonObject? globals, JsonObject output)
    {
        var path = $"Resources.{id}.Properties";
        var local = resource["Properties"] as JsonObject ?? [];
        StateMachineShape.Validate(local, path, errors, StateMachineType);
        var properties = WithGlobals(local, globals);

        var machine = new JsonObject();
        JsonObject? metadata = null;
        if (properties["DefinitionUri"] is { } uri)
        {
            if (properties.ContainsKey("Definition"))
            {
                errors.Add(path, "give Definition or DefinitionUri, not both");
            }

            var file = LocalPath(uri, TemplatePath.Child(path, "DefinitionUri"));
            if (file is not null)
            {
                var text = readFile(file);
                if (text is null)
                {
                    errors.Add(TemplatePath.Child(path, "DefinitionUri"), $"the definition file {file} does not exist");
                }

                machine["DefinitionString"] = text ?? string.Empty;
                metadata = new JsonObject { ["SamResourceId"] = id, ["SamDefinitionPath"] = file };
            }
        }
        else if (properties["Definition"] is { } definition)
        {
            machine["Definition"] = definition.DeepClone();
        }
        else
        {
            errors.Add(path, "a state machine needs Definition or DefinitionUri");
        }

        machine["RoleArn"] = properties["Role"]?.DeepClone() ?? GetAtt($"{id}Role", "Arn");
        Copy(properties, "DefinitionSubstitutions", machine, "DefinitionSubstitutions");
        Copy(properties, "Name", machine, "StateMachineName");
        Copy(properties, "Type", machine, "StateMachineType");
        Copy(properties, "Logging", machine, "LoggingConfiguration");
        Copy(properties, "Tags", machine, "Tags");
        Copy(properties, "Tracing", machine, "TracingConfiguration");
        output[id] = Generated(resource, "AWS::StepFunctions::StateMachine", machine, id, metadata);

        if (properties["Role"] is null)
        {
            output[$"{id}Role"] = Generated(resource, "AWS::IAM::Role",
                Role("states.amazonaws.com", properties["Policies"], $"{id}Role", TemplatePath.Child(path, "Policies"), properties["RolePath"], lambda: false), id);
        }

        foreach (var (eventId, eventNode) in Events(properties["Events"], TemplatePath.Child(path, "Events")))
        {
            var eventPath = TemplatePath.Child(TemplatePath.Child(path, "Events"), eventId);
            var roleId = $"{id}{eventId}Role";
            var rule = Rule(eventNode, eventPath, $"{id}{eventId}StepFunctionsTarget", Ref(id), GetAtt(roleId, "Arn"));
            if (rule is null)
            {
                continue;
            }

            output[$"{id}{eventId}"] = Generated(resource, "AWS::Events::Rule", rule, id);
            output[roleId] = Generated(resource, "AWS::IAM::Role", new JsonObject
            {
                ["AssumeRolePolicyDocument"] = Trust("events.amazonaws.com"),
                ["Policies"] = new JsonArray(new JsonObject
                {
                    ["PolicyName"] = $"{roleId}StartExecutionPolicy",
                    ["PolicyDocument"] = new JsonObject
                    {
                        ["Statement"] = new JsonArray(new JsonObject
                        {
                            ["Action"] = "states:StartExecution",
                            ["Effect"] = "Allow",
                            ["Resource"] = Ref(id),
                        }),
                    },
                }),
            }, id);
        }
    }

    private static void Copy(JsonObject from, string name, JsonObject to, string targetName)
    {
        if (from[name] is { } value)
        {
            to[targetName] = value.DeepClone();
        }
    }

    private IEnumerable<(string Id, JsonObject Event)> Events(JsonNode? events, string path)
    {
        if (events is null)
        {
            yield break;
        }

        if (events is not JsonObject map)
        {
            errors.Add(path, "Events must be a mapping of event ids to event sources");
            yield break;
        }

        foreach (var (eventId, node) in map)
        {
            var eventPath = TemplatePath.Child(path, eventId);
            EventsShape.Validate(node, eventPath, errors, "an event source");
            if (node is JsonObject source)
            {
                yield return (eventId, source);
            }
        }
    }

    /// <summary>The AWS::Events::Rule properties for an EventBridgeRule or Schedule event source.</summary>
    private JsonObject? Rule(JsonObject source, string path, string targetId, JsonNode target, JsonNode? roleArn)
    {
        var type = TemplateJson.ScalarText(source["Type"]);
        var properties = source["Properties"] as JsonObject ?? [];
        var propertiesPath = TemplatePath.Child(path, "Properties");
        var rule = new JsonObject();
        switch (type)
        {
            case "EventBridgeRule" or "CloudWatchEvent":
                EventBridgeRuleShape.Validate(properties, propertiesPath, errors, $"{type} events");
                if (properties["Pattern"] is null)
                {
                    errors.Add(TemplatePath.Child(propertiesPath, "Pattern"), "is required");
                }

                Copy(properties, "Pattern", rule, "EventPattern");
                Copy(properties, "EventBusName", rule, "EventBusName");
                Copy(properties, "RuleName", rule, "Name");
                Copy(properties, "State", rule, "State");
                break;
            case "Schedule":
                ScheduleShape.Validate(properties, propertiesPath, errors, "Schedule events");
                if (properties["Schedule"] is null)
                {
                    errors.Add(TemplatePath.Child(propertiesPath, "Schedule"), "is required");
                }

                Copy(properties, "Schedule", rule, "ScheduleExpression");
                Copy(properties, "Name", rule, "Name");
                Copy(properties, "Description", rule, "Description");
                Copy(properties, "State", rule, "State");
                if (properties["Enabled"] is { } enabled && !rule.ContainsKey("State"))
                {
                    rule["State"] = TemplateJson.ScalarText(enabled) is "false" or "False" ? "DISABLED" : "ENABLED";
                }

                break;
            default:
                errors.Add(TemplatePath.Child(path, "Type"),
                    $"event source type '{type}' is not supported by the local cloud (EventBridgeRule, Schedule)");
                return null;
        }

        var targetNode = new JsonObject
        {
            ["Id"] = properties["Target"]?["Id"]?.DeepClone() ?? targetId,
            ["Arn"] = target.DeepClone(),
        };
        if (roleArn is not null)
        {
            targetNode["RoleArn"] = roleArn.DeepClone();
        }

        foreach (var name in new[] { "Input", "InputPath", "InputTransformer", "RetryPolicy", "DeadLetterConfig" })
        {
            Copy(properties, name, targetNode, name);
        }

        rule["Targets"] = new JsonArray(targetNode);
        return rule;
    }

    private JsonObject Role(string service, JsonNode? policies, string roleId, string path, JsonNode? rolePath, bool lambda)
    {
        var managed = new JsonArray();
        if (lambda)
        {
            managed.Add(new JsonObject
            {
                ["Fn::Sub"] = $"arn:${{AWS::Partition}}:iam::aws:policy/service-role/{ResourceTypes.BasicExecutionPolicyName}",
            });
        }

        var inline = new JsonArray();
        var items = policies switch
        {
            null => [],
            JsonArray list => list.Select((p, i) => (p, TemplatePath.Index(path, i))).ToList(),
            _ => [(policies, path)],
        };
        var index = 0;
        foreach (var (item, itemPath) in items)
        {
            var policyName = $"{roleId}Policy{index++}";
            var converted = Policy(item, itemPath);
            if (converted is null)
            {
                continue;
            }

            if (converted.Value.Managed)
            {
                managed.Add(converted.Value.Node);
            }
            else
            {
                inline.Add(converted.Value.Node is JsonObject doc && !TemplateJson.IsIntrinsic(doc, out _, out _)
                    ? new JsonObject { ["PolicyName"] = policyName, ["PolicyDocument"] = doc }
                    : Named(converted.Value.Node, policyName));
            }
        }

        var role = new JsonObject
        {
            ["AssumeRolePolicyDocument"] = Trust(service),
            ["ManagedPolicyArns"] = managed,
            ["Policies"] = inline,
        };
        if (rolePath is not null)
        {
            role["Path"] = rolePath.DeepClone();
        }

        return role;
    }

    /// <summary>Wraps each policy document branch of an Fn::If into a named policy.</summary>
    private static JsonNode Named(JsonNode node, string policyName)
    {
        if (TemplateJson.IsIntrinsic(node, out var name, out var argument) && name == "Fn::If" && argument is JsonArray { Count: 3 } branches)
        {
            return new JsonObject
            {
                ["Fn::If"] = new JsonArray(branches[0]?.DeepClone(), Named(branches[1]!, policyName), Named(branches[2]!, policyName)),
            };
        }

        return IsNoValue(node) ? node.DeepClone() : new JsonObject { ["PolicyName"] = policyName, ["PolicyDocument"] = node.DeepClone() };
    }

    private static bool IsNoValue(JsonNode? node) =>
        TemplateJson.IsIntrinsic(node, out var name, out var argument) && name == "Ref" && TemplateJson.ScalarText(argument) == "AWS::NoValue";

    /// <summary>One Policies item: a managed policy (name, ARN or Ref), an inline document, a policy template, or Fn::If of those.</summary>
    private (bool Managed, JsonNode Node)? Policy(JsonNode? item, string path)
    {
        switch (item)
        {
            case JsonValue value when TemplateJson.ScalarText(value) is { } name:
                return (true, name.StartsWith("arn:", StringComparison.Ordinal)
                    ? name
                    : new JsonObject { ["Fn::Sub"] = $"arn:${{AWS::Partition}}:iam::aws:policy/{name}" });
            case JsonObject obj when TemplateJson.IsIntrinsic(obj, out var function, out var argument):
                if (function == "Fn::If" && argument is JsonArray { Count: 3 } branches)
                {
                    var whenTrue = IsNoValue(branches[1]) ? null : Policy(branches[1], TemplatePath.Index(TemplatePath.Child(path, function), 1));
                    var whenFalse = IsNoValue(branches[2]) ? null : Policy(branches[2], TemplatePath.Index(TemplatePath.Child(path, function), 2));
                    var managed = (whenTrue ?? whenFalse)?.Managed ?? true;
                    if (whenTrue is not null && whenFalse is not null && whenTrue.Value.Managed != whenFalse.Value.Managed)
                    {
                        errors.Add(path, "both branches of Fn::If must be managed policies, or both policy documents");
                    }

                    return (managed, new JsonObject
                    {
                        ["Fn::If"] = new JsonArray(
                            branches[0]?.DeepClone(),
                            whenTrue?.Node ?? branches[1]?.DeepClone(),
                            whenFalse?.Node ?? branches[2]?.DeepClone()),
                    });
                }

                return (true, obj.DeepClone());
            case JsonObject obj when obj.ContainsKey("Statement"):
                return (false, obj.DeepClone());
            case JsonObject { Count: 1 } obj:
                var (templateName, parameters) = obj.First();
                if (!SamPolicyTemplates.IsKnown(templateName))
                {
                    errors.Add(TemplatePath.Child(path, templateName), $"'{templateName}' is not a SAM policy template the local cloud knows " +
                        $"({string.Join(", ", SamPolicyTemplates.Names)})");
                    return null;
                }

                var document = SamPolicyTemplates.Expand(templateName, parameters, TemplatePath.Child(path, templateName), errors);
                return document is null ? null : (false, document);
            default:
                errors.Add(path, "a policy must be a managed policy name or ARN, a policy document with Statement, or a SAM policy template");
                return null;
        }
    }

    private static JsonObject Trust(string service) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = new JsonArray(service) },
            ["Action"] = new JsonArray("sts:AssumeRole"),
        }),
    };

    private static JsonObject Generated(JsonObject source, string type, JsonObject properties, string samId, JsonObject? metadata = null)
    {
        var resource = new JsonObject { ["Type"] = type, ["Properties"] = properties };
        foreach (var attribute in new[] { "Condition", "DependsOn" })
        {
            if (source[attribute] is { } value)
            {
                resource[attribute] = value.DeepClone();
            }
        }

        resource["Metadata"] = metadata ?? new JsonObject { ["SamResourceId"] = samId };
        return resource;
    }

    private static JsonObject Ref(string logicalId) => new() { ["Ref"] = logicalId };

    private static JsonObject GetAtt(string logicalId, string attribute) => new() { ["Fn::GetAtt"] = new JsonArray(logicalId, attribute) };

    /// <summary>A local path property (CodeUri, DefinitionUri) as an absolute path; S3 locations are not supported locally.</summary>
    private string? LocalPath(JsonNode? node, string path)
    {
        var value = TemplateJson.ScalarText(evaluator.Resolve(node, path));
        if (value is null)
        {
            errors.Add(path, node is null ? "is required" : "must be a local path relative to the template (S3 locations are not supported locally)");
            return null;
        }

        if (value.StartsWith("s3://", StringComparison.Ordinal))
        {
            errors.Add(path, $"'{value}' is an S3 location; the local cloud reads local paths relative to the template");
            return null;
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(templateDirectory, value));
    }

    /// <summary>SAM's <c>!Ref Function.Alias</c> and <c>!Ref Function.Version</c> become refs to the generated resources.</summary>
    private void RewriteReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (TemplateJson.IsIntrinsic(obj, out var name, out var argument) && name == "Ref" && TemplateJson.ScalarText(argument) is { } target)
                {
                    var dot = target.IndexOf('.', StringComparison.Ordinal);
                    if (dot > 0)
                    {
                        var ids = target[(dot + 1)..] == "Alias" ? _aliasIds : target[(dot + 1)..] == "Version" ? _versionIds : null;
                        if (ids?.GetValueOrDefault(target[..dot]) is { } generated)
                        {
                            obj["Ref"] = generated;
                        }
                    }

                    return;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RewriteReferences(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteReferences(child);
                }

                break;
        }
    }
}
