using System.Text.Json.Nodes;
using LocalCloud.Iam;

namespace LocalCloud.Templates;

/// <summary>A CloudFormation resource type the local cloud deploys: the properties it accepts and how it is built.</summary>
internal sealed record ResourceType(string Name, PropertyShape Shape, Func<ResourceBuilder, StackResource?> Build);

/// <summary>The CloudFormation resource types (after the SAM transform) that stacks may contain.</summary>
internal static class ResourceTypes
{
    /// <summary>The policy every SAM-generated function role gets, so functions can write their logs.</summary>
    public const string BasicExecutionPolicyName = "AWSLambdaBasicExecutionRole";

    private static readonly PropertyShape RuleTargetShape = PropertyShape.Object(
        ("Id", null),
        ("Arn", null),
        ("RoleArn", null),
        ("Input", null),
        ("InputPath", null),
        ("InputTransformer", PropertyShape.Names("InputPathsMap", "InputTemplate")),
        ("RetryPolicy", PropertyShape.Names("MaximumEventAgeInSeconds", "MaximumRetryAttempts")),
        ("DeadLetterConfig", PropertyShape.Names("Arn"))).ListOf();

    public static readonly IReadOnlyDictionary<string, ResourceType> All = new[]
    {
        new ResourceType("AWS::Lambda::Function", PropertyShape.Object(
            ("Code", PropertyShape.Names("S3Bucket", "S3Key", "S3ObjectVersion", "ZipFile", "ImageUri")),
            ("Handler", null), ("Runtime", null), ("Architectures", null), ("MemorySize", null), ("Timeout", null),
            ("Environment", PropertyShape.Names("Variables")), ("Role", null), ("FunctionName", null),
            ("SnapStart", PropertyShape.Names("ApplyOn")), ("Description", null), ("Tags", null), ("TracingConfig", null),
            ("LoggingConfig", null), ("ReservedConcurrentExecutions", null)), BuildFunction),
        new ResourceType("AWS::Lambda::Version", PropertyShape.Names("FunctionName", "Description", "CodeSha256"), BuildVersion),
        new ResourceType("AWS::Lambda::Alias", PropertyShape.Names("FunctionName", "FunctionVersion", "Name", "Description"), BuildAlias),
        new ResourceType("AWS::Lambda::Permission",
            PropertyShape.Names("Action", "FunctionName", "Principal", "SourceArn", "SourceAccount"), BuildPermission),
        new ResourceType("AWS::IAM::Role", PropertyShape.Object(
            ("AssumeRolePolicyDocument", null), ("Description", null), ("ManagedPolicyArns", null), ("MaxSessionDuration", null),
            ("Path", null), ("Policies", PropertyShape.Names("PolicyName", "PolicyDocument").ListOf()), ("RoleName", null),
            ("Tags", null), ("PermissionsBoundary", null)), BuildRole),
        new ResourceType("AWS::IAM::ManagedPolicy",
            PropertyShape.Names("PolicyDocument", "ManagedPolicyName", "Description", "Path"), BuildManagedPolicy),
        new ResourceType("AWS::IAM::Policy", PropertyShape.Names("PolicyName", "PolicyDocument", "Roles"), BuildRolePolicy),
        new ResourceType("AWS::StepFunctions::StateMachine", PropertyShape.Object(
            ("DefinitionString", null), ("Definition", null), ("DefinitionSubstitutions", null), ("RoleArn", null),
            ("StateMachineName", null), ("StateMachineType", null), ("Tags", null), ("TracingConfiguration", null),
            ("LoggingConfiguration", PropertyShape.Object(
                ("Destinations", PropertyShape.Object(("CloudWatchLogsLogGroup", PropertyShape.Names("LogGroupArn"))).ListOf()),
                ("IncludeExecutionData", null), ("Level", null)))), BuildStateMachine),
        new ResourceType("AWS::Events::EventBus", PropertyShape.Names("Name", "Description", "Tags"), BuildEventBus),
        new ResourceType("AWS::Events::EventBusPolicy", PropertyShape.Object(
            ("EventBusName", null), ("StatementId", null), ("Statement", null), ("Action", null), ("Principal", null),
            ("Condition", PropertyShape.Names("Type", "Key", "Value"))), BuildEventBusPolicy),
        new ResourceType("AWS::Events::Rule", PropertyShape.Object(
            ("Name", null), ("Description", null), ("EventBusName", null), ("EventPattern", null), ("ScheduleExpression", null),
            ("State", null), ("RoleArn", null), ("Targets", RuleTargetShape)), BuildRule),
        new ResourceType("AWS::Logs::LogGroup",
            PropertyShape.Names("LogGroupName", "RetentionInDays", "KmsKeyId", "Tags", "LogGroupClass"), BuildLogGroup),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The function name in a FunctionName property, which may be a name, a (qualified) ARN or a partial ARN.</summary>
    public static string FunctionNameOf(string nameOrArn)
    {
        var parts = nameOrArn.Split(':');
        return parts.Length >= 7 && parts[0] == "arn" ? parts[6] : parts.Length == 3 ? parts[2] : parts[0];
    }

    private static string FunctionArn(ResourceBuilder r, string name) => r.Stack.Arn("lambda", $"function:{name}");

    private static StackResource BuildFunction(ResourceBuilder r)
    {
        var name = r.Name("FunctionName", 64);
        var code = r.Node("Code") as JsonObject;
        var codeUri = r.Text(r.Metadata?["SamCodeUri"], $"Resources.{r.LogicalId}.Metadata.SamCodeUri")
            ?? (code?["S3Bucket"] is not null ? $"s3://{code["S3Bucket"]}/{code["S3Key"]}" : code?["ZipFile"] is not null ? "inline" : null);
        if (codeUri is null)
        {
            r.Error(r.PathOf("Code"), "is required");
        }

        var environment = r.Node("Environment") is JsonObject env
            ? r.StringMap(env["Variables"], TemplatePath.Child(r.PathOf("Environment"), "Variables"))
            : new SortedDictionary<string, string>(StringComparer.Ordinal);
        return new FunctionResource(
            r.LogicalId,
            name,
            FunctionArn(r, name),
            r.Required("Handler"),
            r.Required("Runtime"),
            codeUri ?? string.Empty,
            r.Strings("Architectures") is { Count: > 0 } architectures ? architectures : ["x86_64"],
            r.Int("MemorySize") ?? 128,
            r.Int("Timeout") ?? 3,
            environment,
            r.Required("Role"))
        {
            SnapStartApplyOn = r.Node("SnapStart") is JsonObject snapStart
                ? r.Text(snapStart["ApplyOn"], TemplatePath.Child(r.PathOf("SnapStart"), "ApplyOn"), required: true) ?? "None"
                : "None",
        };
    }

    private static StackResource BuildVersion(ResourceBuilder r)
    {
        var name = FunctionNameOf(r.Required("FunctionName"));
        return new FunctionVersionResource(r.LogicalId, name, "1", $"{FunctionArn(r, name)}:1");
    }

    private static StackResource BuildAlias(ResourceBuilder r)
    {
        var name = FunctionNameOf(r.Required("FunctionName"));
        var alias = r.Required("Name");
        return new FunctionAliasResource(r.LogicalId, name, alias, r.Required("FunctionVersion"), $"{FunctionArn(r, name)}:{alias}");
    }

    private static StackResource BuildPermission(ResourceBuilder r) => new LambdaPermissionResource(
        r.LogicalId,
        r.Stack.GenerateName(r.LogicalId, 100),
        r.Required("FunctionName"),
        r.Required("Action"),
        r.Required("Principal"),
        r.String("SourceArn"),
        r.String("SourceAccount"));

    private static StackResource BuildRole(ResourceBuilder r)
    {
        var name = r.Name("RoleName", 64);
        var path = r.String("Path") ?? "/";
        var policies = new List<IamPolicy>();
        if (r.Node("Policies") is JsonArray inline)
        {
            for (var i = 0; i < inline.Count; i++)
            {
                var itemPath = TemplatePath.Index(r.PathOf("Policies"), i);
                var policyName = r.Text(inline[i]?["PolicyName"], TemplatePath.Child(itemPath, "PolicyName"), required: true);
                var document = r.Json(inline[i]?["PolicyDocument"], TemplatePath.Child(itemPath, "PolicyDocument"), required: true);
                if (policyName is not null && document is not null)
                {
                    policies.Add(new IamPolicy(policyName, document));
                }
            }
        }

        var managed = r.Strings("ManagedPolicyArns");
        foreach (var arn in managed)
        {
            if (r.Resolved.OfType<ManagedPolicyResource>().FirstOrDefault(p => p.Arn == arn) is { } own)
            {
                policies.Add(new IamPolicy(own.PolicyName, own.Document));
            }
            else if (arn.EndsWith($":policy/service-role/{BasicExecutionPolicyName}", StringComparison.Ordinal))
            {
                policies.Add(new IamPolicy(BasicExecutionPolicyName, BasicExecutionPolicy));
            }
        }

        return new RoleResource(
            r.LogicalId,
            name,
            path,
            r.Stack.Arn("iam", $"role{path}{name}", region: string.Empty),
            r.Json("AssumeRolePolicyDocument", required: true) ?? "{}",
            policies,
            managed)
        {
            MaxSessionDuration = r.Int("MaxSessionDuration") ?? 3600,
        };
    }

    private const string BasicExecutionPolicy =
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogGroup","logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]}""";

    private static StackResource BuildManagedPolicy(ResourceBuilder r)
    {
        var name = r.Name("ManagedPolicyName", 128);
        var path = r.String("Path") ?? "/";
        return new ManagedPolicyResource(
            r.LogicalId, name, r.Stack.Arn("iam", $"policy{path}{name}", region: string.Empty), r.Json("PolicyDocument", required: true) ?? "{}");
    }

    /// <summary>An inline policy added to roles by name (only roles: the local cloud has no IAM users or groups).</summary>
    private static StackResource BuildRolePolicy(ResourceBuilder r)
    {
        var roles = r.Strings("Roles");
        if (roles.Count == 0)
        {
            r.Error(r.PathOf("Roles"), "is required: the roles that get the policy");
        }

        return new RolePolicyResource(r.LogicalId, r.Required("PolicyName"), r.Json("PolicyDocument", required: true) ?? "{}", roles);
    }

    private static StackResource BuildStateMachine(ResourceBuilder r)
    {
        var name = r.Name("StateMachineName", 80);
        var definition = r.Has("Definition") ? r.Json("Definition") : r.String("DefinitionString", required: true);
        var type = r.String("StateMachineType") ?? "STANDARD";
        if (type is not ("STANDARD" or "EXPRESS"))
        {
            r.Error(r.PathOf("StateMachineType"), $"must be STANDARD or EXPRESS, not '{type}'");
        }

        StateMachineLogging? logging = null;
        if (r.Node("LoggingConfiguration") is JsonObject config)
        {
            var path = r.PathOf("LoggingConfiguration");
            var groups = config["Destinations"] is JsonArray destinations
                ? destinations.Select((d, i) => r.Text(d?["CloudWatchLogsLogGroup"]?["LogGroupArn"],
                    $"{TemplatePath.Index(TemplatePath.Child(path, "Destinations"), i)}.CloudWatchLogsLogGroup.LogGroupArn", required: true))
                    .OfType<string>().ToList()
                : [];
            logging = new StateMachineLogging(
                r.Text(config["Level"], TemplatePath.Child(path, "Level")) ?? "OFF",
                r.Bool(config["IncludeExecutionData"], TemplatePath.Child(path, "IncludeExecutionData")) ?? false,
                groups);
        }

        return new StateMachineResource(
            r.LogicalId,
            name,
            r.Stack.Arn("states", $"stateMachine:{name}"),
            type,
            definition ?? string.Empty,
            r.StringMap(r.Node("DefinitionSubstitutions"), r.PathOf("DefinitionSubstitutions")),
            r.Required("RoleArn"),
            logging)
        {
            DefinitionPath = r.Metadata?["SamDefinitionPath"]?.GetValue<string>(),
        };
    }

    private static StackResource BuildEventBus(ResourceBuilder r)
    {
        var name = r.Required("Name");
        return new EventBusResource(r.LogicalId, name, r.Stack.Arn("events", $"event-bus/{name}"));
    }

    /// <summary>The bus name in an EventBusName property, which may be a name or an ARN.</summary>
    public static string BusNameOf(string? nameOrArn) =>
        nameOrArn is null ? "default" : nameOrArn.Contains(":event-bus/", StringComparison.Ordinal) ? nameOrArn[(nameOrArn.LastIndexOf('/') + 1)..] : nameOrArn;

    private static StackResource BuildEventBusPolicy(ResourceBuilder r)
    {
        var bus = BusNameOf(r.String("EventBusName"));
        var statementId = r.Required("StatementId");
        JsonObject statement;
        if (r.Node("Statement") is JsonObject given)
        {
            statement = (JsonObject)given.DeepClone();
            statement["Sid"] = statementId;
        }
        else
        {
            var principal = r.Required("Principal");
            statement = new JsonObject
            {
                ["Sid"] = statementId,
                ["Effect"] = "Allow",
                ["Principal"] = principal == "*" ? "*" : new JsonObject { ["AWS"] = $"arn:{r.Stack.Partition}:iam::{principal}:root" },
                ["Action"] = r.Required("Action"),
                ["Resource"] = r.Stack.Arn("events", $"event-bus/{bus}"),
            };
            if (r.Node("Condition") is JsonObject condition)
            {
                statement["Condition"] = new JsonObject
                {
                    [r.Text(condition["Type"], r.PathOf("Condition.Type"), required: true) ?? "StringEquals"] = new JsonObject
                    {
                        [r.Text(condition["Key"], r.PathOf("Condition.Key"), required: true) ?? "aws:PrincipalOrgID"] = condition["Value"]?.DeepClone(),
                    },
                };
            }
        }

        return new EventBusPolicyResource(r.LogicalId, bus, statementId, TemplateJson.ToText(statement));
    }

    private static StackResource BuildRule(ResourceBuilder r)
    {
        var name = r.Name("Name", 64);
        var bus = BusNameOf(r.String("EventBusName"));
        var pattern = r.Json("EventPattern");
        var schedule = r.String("ScheduleExpression");
        if (pattern is null && schedule is null)
        {
            r.Error(r.Path, "a rule needs an EventPattern or a ScheduleExpression");
        }

        if (schedule is not null && bus != "default")
        {
            r.Error(r.PathOf("ScheduleExpression"), "scheduled rules can only be created on the default event bus");
        }

        var targets = new List<RuleTarget>();
        if (r.Node("Targets") is JsonArray items)
        {
            for (var i = 0; i < items.Count; i++)
            {
                targets.Add(Target(r, items[i] as JsonObject ?? [], TemplatePath.Index(r.PathOf("Targets"), i)));
            }
        }

        var duplicate = targets.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            r.Error(r.PathOf("Targets"), $"target id '{duplicate.Key}' is used twice");
        }

        var state = r.String("State") ?? "ENABLED";
        return new RuleResource(
            r.LogicalId,
            name,
            r.Stack.Arn("events", bus == "default" ? $"rule/{name}" : $"rule/{bus}/{name}"),
            bus,
            pattern,
            schedule,
            state,
            targets);
    }

    private static RuleTarget Target(ResourceBuilder r, JsonObject target, string path)
    {
        RuleInputTransformer? transformer = null;
        if (target["InputTransformer"] is JsonObject transform)
        {
            var transformPath = TemplatePath.Child(path, "InputTransformer");
            transformer = new RuleInputTransformer(
                r.StringMap(transform["InputPathsMap"], TemplatePath.Child(transformPath, "InputPathsMap")),
                r.Text(transform["InputTemplate"], TemplatePath.Child(transformPath, "InputTemplate"), required: true) ?? string.Empty);
        }

        RuleRetryPolicy? retry = null;
        if (target["RetryPolicy"] is JsonObject policy)
        {
            var retryPath = TemplatePath.Child(path, "RetryPolicy");
            retry = new RuleRetryPolicy(
                r.Int(policy["MaximumEventAgeInSeconds"], TemplatePath.Child(retryPath, "MaximumEventAgeInSeconds")),
                r.Int(policy["MaximumRetryAttempts"], TemplatePath.Child(retryPath, "MaximumRetryAttempts")));
        }

        return new RuleTarget(
            r.Text(target["Id"], TemplatePath.Child(path, "Id"), required: true) ?? string.Empty,
            r.Text(target["Arn"], TemplatePath.Child(path, "Arn"), required: true) ?? string.Empty,
            r.Text(target["RoleArn"], TemplatePath.Child(path, "RoleArn")))
        {
            Input = r.Text(target["Input"], TemplatePath.Child(path, "Input")),
            InputPath = r.Text(target["InputPath"], TemplatePath.Child(path, "InputPath")),
            InputTransformer = transformer,
            RetryPolicy = retry,
            DeadLetterArn = r.Text(target["DeadLetterConfig"]?["Arn"], TemplatePath.Child(path, "DeadLetterConfig.Arn")),
        };
    }

    private static StackResource BuildLogGroup(ResourceBuilder r)
    {
        var name = r.Name("LogGroupName", 512);
        return new LogGroupResource(r.LogicalId, name, r.Stack.Arn("logs", $"log-group:{name}:*"), r.Int("RetentionInDays"));
    }
}
