using LocalCloud.Iam;

namespace LocalCloud.Templates;

/// <summary>A resource of a resolved stack: every property resolved, physical id assigned.</summary>
/// <remarks>
/// <c>LogicalId</c>: The id in the (transformed) template, e.g. <c>PeeringFunction</c> or <c>PeeringFunctionRole</c>.<br/>
/// <c>Type</c>: The CloudFormation type, e.g. <c>AWS::Lambda::Function</c>.<br/>
/// <c>PhysicalId</c>: The physical id CloudFormation reports (name or ARN, per type).<br/>
/// </remarks>
public abstract record StackResource(string LogicalId, string Type, string PhysicalId)
{
    /// <summary>What <c>Ref</c> gives for this resource.</summary>
    public virtual string Ref => PhysicalId;

    /// <summary>What <c>Fn::GetAtt</c> gives for an attribute, or null when the type has no such attribute.</summary>
    public virtual string? GetAtt(string attribute) => null;

    /// <summary>The SAM resource this one was generated from (e.g. the function of a generated role), or null.</summary>
    public string? SourceLogicalId { get; init; }
}

/// <summary><c>AWS::Lambda::Function</c> (also what <c>AWS::Serverless::Function</c> becomes).</summary>
/// <remarks>
/// <c>Handler</c>: The handler string, for .NET <c>Assembly::Namespace.Type::Method</c>.<br/>
/// <c>CodeUri</c>: Where the code is: the SAM CodeUri as an absolute directory, or the S3 location text.<br/>
/// <c>Environment</c>: The function's environment variables (Globals merged).<br/>
/// <c>RoleArn</c>: The execution role.<br/>
/// </remarks>
public sealed record FunctionResource(
    string LogicalId,
    string FunctionName,
    string Arn,
    string Handler,
    string Runtime,
    string CodeUri,
    IReadOnlyList<string> Architectures,
    int MemorySize,
    int Timeout,
    IReadOnlyDictionary<string, string> Environment,
    string RoleArn) : StackResource(LogicalId, "AWS::Lambda::Function", FunctionName)
{
    /// <summary>SnapStart's ApplyOn (<c>PublishedVersions</c> or <c>None</c>).</summary>
    public string SnapStartApplyOn { get; init; } = "None";

    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute switch
    {
        "Arn" => Arn,
        "SnapStartResponse.ApplyOn" => SnapStartApplyOn,
        _ => null,
    };
}

/// <summary><c>AWS::Lambda::Version</c> (published by SAM's AutoPublishAlias).</summary>
public sealed record FunctionVersionResource(string LogicalId, string FunctionName, string Version, string Arn)
    : StackResource(LogicalId, "AWS::Lambda::Version", Arn)
{
    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute switch
    {
        "Version" => Version,
        "FunctionArn" => Arn[..Arn.LastIndexOf(':')],
        _ => null,
    };
}

/// <summary><c>AWS::Lambda::Alias</c>: Ref gives the alias ARN, <c>…:function:NAME:ALIAS</c>.</summary>
public sealed record FunctionAliasResource(string LogicalId, string FunctionName, string AliasName, string FunctionVersion, string Arn)
    : StackResource(LogicalId, "AWS::Lambda::Alias", Arn)
{
    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute == "AliasArn" ? Arn : null;
}

/// <summary><c>AWS::Lambda::Permission</c>: who may invoke a function.</summary>
public sealed record LambdaPermissionResource(
    string LogicalId, string PhysicalId, string FunctionName, string Action, string Principal, string? SourceArn, string? SourceAccount)
    : StackResource(LogicalId, "AWS::Lambda::Permission", PhysicalId);

/// <summary><c>AWS::IAM::Role</c>; managed policies of the same stack are already expanded into <see cref="Policies"/>.</summary>
/// <remarks>
/// <c>AssumeRolePolicyDocument</c>: The trust policy, JSON text.<br/>
/// <c>Policies</c>: Inline policies, then the stack's own managed policies attached by ARN.<br/>
/// <c>ManagedPolicyArns</c>: Every attached managed policy ARN, including AWS managed ones.<br/>
/// </remarks>
public sealed record RoleResource(
    string LogicalId,
    string RoleName,
    string Path,
    string Arn,
    string AssumeRolePolicyDocument,
    IReadOnlyList<IamPolicy> Policies,
    IReadOnlyList<string> ManagedPolicyArns) : StackResource(LogicalId, "AWS::IAM::Role", RoleName)
{
    /// <summary>The longest session the role grants, in seconds.</summary>
    public int MaxSessionDuration { get; init; } = 3600;

    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute switch
    {
        "Arn" => Arn,
        "RoleId" => IamRole.RoleIdFor(Arn),
        _ => null,
    };
}

/// <summary><c>AWS::IAM::Policy</c>: an inline policy put on existing roles (by name); Ref gives the policy name.</summary>
public sealed record RolePolicyResource(string LogicalId, string PolicyName, string Document, IReadOnlyList<string> RoleNames)
    : StackResource(LogicalId, "AWS::IAM::Policy", PolicyName);

/// <summary><c>AWS::IAM::ManagedPolicy</c>: Ref gives the policy ARN.</summary>
public sealed record ManagedPolicyResource(string LogicalId, string PolicyName, string Arn, string Document)
    : StackResource(LogicalId, "AWS::IAM::ManagedPolicy", Arn)
{
    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute switch
    {
        "PolicyArn" => Arn,
        "PolicyId" => "ANPA" + IamRole.RoleIdFor(Arn)[4..],
        _ => null,
    };
}

/// <summary>Where a state machine logs (SAM <c>Logging</c> / <c>LoggingConfiguration</c>).</summary>
public sealed record StateMachineLogging(string Level, bool IncludeExecutionData, IReadOnlyList<string> LogGroupArns);

/// <summary>
/// <c>AWS::StepFunctions::StateMachine</c> (also what <c>AWS::Serverless::StateMachine</c> becomes). The definition is
/// kept as written, with <c>${Name}</c> placeholders; the ASL loader applies <see cref="DefinitionSubstitutions"/>.
/// </summary>
/// <remarks>
/// <c>StateMachineType</c>: <c>STANDARD</c> or <c>EXPRESS</c>.<br/>
/// <c>Definition</c>: The ASL JSON text as in the file (or inline definition), placeholders not yet replaced.<br/>
/// <c>DefinitionSubstitutions</c>: Placeholder name → resolved value.<br/>
/// <c>Logging</c>: Logging settings, or null.<br/>
/// </remarks>
public sealed record StateMachineResource(
    string LogicalId,
    string Name,
    string Arn,
    string StateMachineType,
    string Definition,
    IReadOnlyDictionary<string, string> DefinitionSubstitutions,
    string RoleArn,
    StateMachineLogging? Logging) : StackResource(LogicalId, "AWS::StepFunctions::StateMachine", Arn)
{
    /// <summary>The definition file the SAM DefinitionUri named (absolute), or null for an inline definition.</summary>
    public string? DefinitionPath { get; init; }

    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute switch
    {
        "Arn" => Arn,
        "Name" => Name,
        "StateMachineRevisionId" => Arn,
        _ => null,
    };
}

/// <summary><c>AWS::Events::EventBus</c>: Ref gives the name.</summary>
public sealed record EventBusResource(string LogicalId, string Name, string Arn) : StackResource(LogicalId, "AWS::Events::EventBus", Name)
{
    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute switch
    {
        "Arn" => Arn,
        "Name" => Name,
        _ => null,
    };
}

/// <summary><c>AWS::Events::EventBusPolicy</c>: one statement of a bus's resource policy, as JSON text.</summary>
public sealed record EventBusPolicyResource(string LogicalId, string EventBusName, string StatementId, string Statement)
    : StackResource(LogicalId, "AWS::Events::EventBusPolicy", StatementId);

/// <summary>An input transformer: JSON paths into the event, and the template that uses them.</summary>
public sealed record RuleInputTransformer(IReadOnlyDictionary<string, string> InputPathsMap, string InputTemplate);

/// <summary>A target's retry policy.</summary>
public sealed record RuleRetryPolicy(int? MaximumEventAgeInSeconds, int? MaximumRetryAttempts);

/// <summary>One target of a rule: a state machine, a Lambda function or alias, or another account's event bus.</summary>
/// <remarks>
/// <c>Id</c>: The target id, unique within the rule.<br/>
/// <c>Arn</c>: What receives the event.<br/>
/// <c>RoleArn</c>: The role EventBridge assumes to deliver (state machines, other buses), or null.<br/>
/// </remarks>
public sealed record RuleTarget(string Id, string Arn, string? RoleArn)
{
    /// <summary>Constant JSON text sent instead of the event, or null.</summary>
    public string? Input { get; init; }

    /// <summary>A JSON path selecting the part of the event to send, or null.</summary>
    public string? InputPath { get; init; }

    /// <summary>An input transformer, or null.</summary>
    public RuleInputTransformer? InputTransformer { get; init; }

    /// <summary>The retry policy, or null for EventBridge's defaults.</summary>
    public RuleRetryPolicy? RetryPolicy { get; init; }

    /// <summary>The dead-letter queue ARN, or null.</summary>
    public string? DeadLetterArn { get; init; }
}

/// <summary><c>AWS::Events::Rule</c>: an event pattern or a schedule, and its targets.</summary>
/// <remarks>
/// <c>EventBusName</c>: The bus name (<c>default</c> when not given).<br/>
/// <c>EventPattern</c>: The pattern as JSON text, or null for a scheduled rule.<br/>
/// <c>ScheduleExpression</c>: <c>rate(…)</c> or <c>cron(…)</c>, or null.<br/>
/// <c>State</c>: <c>ENABLED</c> or <c>DISABLED</c>.<br/>
/// </remarks>
public sealed record RuleResource(
    string LogicalId,
    string Name,
    string Arn,
    string EventBusName,
    string? EventPattern,
    string? ScheduleExpression,
    string State,
    IReadOnlyList<RuleTarget> Targets) : StackResource(LogicalId, "AWS::Events::Rule", EventBusName == "default" ? Name : $"{EventBusName}|{Name}")
{
    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute == "Arn" ? Arn : null;
}

/// <summary><c>AWS::Logs::LogGroup</c>: Ref gives the name; the Arn attribute ends in <c>:*</c> as CloudFormation's does.</summary>
public sealed record LogGroupResource(string LogicalId, string LogGroupName, string Arn, int? RetentionInDays)
    : StackResource(LogicalId, "AWS::Logs::LogGroup", LogGroupName)
{
    /// <inheritdoc />
    public override string? GetAtt(string attribute) => attribute == "Arn" ? Arn : null;
}
