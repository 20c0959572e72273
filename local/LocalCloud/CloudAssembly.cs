using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Ec2;
using LocalCloud.Events;
using LocalCloud.Lambda;
using LocalCloud.StepFunctions;
using LocalCloud.Templates;
using StatesLanguage;
using StatesLanguage.Runtime;

namespace LocalCloud;

/// <summary>How <see cref="CloudAssembly.Create"/> builds the whole emulated cloud.</summary>
public sealed record CloudAssemblyOptions
{
    /// <summary>The virtual clock's start time.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seeds EC2 ids and Step Functions names, tokens and jitter.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Builds the functions' handler objects (e.g. with in-process AWS clients acting as each function's role).</summary>
    public ILambdaHandlerActivator? LambdaActivator { get; init; }

    /// <summary>EC2 quotas and peering timings; AWS defaults when null (the seed above is applied).</summary>
    public Ec2Options? Ec2 { get; init; }

    /// <summary>
    /// Whether the clock jumps to the next timer whenever nothing runs. Off (the default) makes time move only inside
    /// <see cref="CloudAssembly.RunUntilIdleAsync"/> and the other run methods, so everything a test does between them
    /// happens at one instant; on suits a long-running <c>serve</c> without schedules.
    /// </summary>
    public bool AutoAdvance { get; init; }

    /// <summary>Where the emulator reports its own failures (a service that threw, a transport error); silent when null.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }
}

/// <summary>
/// The whole emulated cloud in one place: an <see cref="EmulatedCloud"/> on a shared <see cref="VirtualClock"/> with EC2,
/// STS, IAM, EventBridge, Lambda and Step Functions registered and wired together (EC2's tag-change and CloudTrail
/// events go to EventBridge, rules start state machines, stacks create functions, buses, rules and state machines), plus
/// a driver that moves virtual time while executions need it.
/// </summary>
/// <example>
/// <code>
/// var cloud = CloudAssembly.Create(new CloudAssemblyOptions { LambdaActivator = activator });
/// cloud.Deploy("template.yaml", "111111111111", parameters: new Dictionary&lt;string, string&gt; { ["ExternalId"] = "x" });
/// var execution = cloud.StartExecution("111111111111", "PeeringStateMachine", """{"requester": …}""");
/// var result = await cloud.RunUntilEndedAsync(execution);
/// </code>
/// </example>
public sealed class CloudAssembly
{
    /// <summary>The stack name <see cref="Deploy"/> uses unless told otherwise.</summary>
    public const string DefaultStackName = "vpc-peering";

    /// <summary>The region used when none is given.</summary>
    public const string DefaultRegion = "us-east-1";

    private CloudAssembly(CloudAssemblyOptions options)
    {
        Clock = new VirtualClock(options.Start) { AutoAdvance = options.AutoAdvance };
        Cloud = new EmulatedCloud(Clock) { Logger = options.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance };
        (Events, Lambda) = Cloud.AddEventBridgeAndLambda(options.LambdaActivator);
        Events.AddTargetInvoker(new WorkCountingInvoker(new LambdaTargetInvoker(Lambda), Clock));
        Ec2 = Ec2Service.AddTo(Cloud, Events, (options.Ec2 ?? new Ec2Options()) with { Seed = options.Seed });
        Cloud.AddStatefulService(new StatefulService("ec2", Ec2.Export, Ec2.Import));
        StepFunctions = Cloud.AddStepFunctions(new StepFunctionsOptions { Seed = options.Seed });
    }

    /// <summary>The cloud: dispatch, credentials, IAM, STS, request log, faults.</summary>
    public EmulatedCloud Cloud { get; }

    /// <summary>The clock every service runs on.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The EC2 model (seed topologies here, read final state).</summary>
    public Ec2Model Ec2 { get; }

    /// <summary>EventBridge: buses, rules, deliveries.</summary>
    public EventBridgeService Events { get; }

    /// <summary>Lambda: functions and their invocations.</summary>
    public LambdaService Lambda { get; }

    /// <summary>Step Functions: state machines, executions, task tokens.</summary>
    public StepFunctionsService StepFunctions { get; }

    /// <summary>The deployed stacks.</summary>
    public StackDeployer Stacks => Cloud.Stacks();

    /// <summary>Builds a cloud with every service registered and wired.</summary>
    public static CloudAssembly Create(CloudAssemblyOptions? options = null) => new(options ?? new CloudAssemblyOptions());

    /// <summary>Deploys a template as a stack into one account and region (<c>sam deploy</c>), with parameter overrides.</summary>
    public DeployedStack Deploy(string templatePath, string accountId, string region = DefaultRegion, string stackName = DefaultStackName,
        IReadOnlyDictionary<string, string>? parameters = null, SamConfig? samConfig = null, string configEnvironment = "default") =>
        Stacks.Deploy(templatePath, new StackDeployment(stackName, accountId, region)
        {
            ParameterOverrides = parameters ?? new Dictionary<string, string>(StringComparer.Ordinal),
            SamConfig = samConfig,
            ConfigEnvironment = configEnvironment,
        });

    /// <summary>
    /// Finds a state machine by its name, or by the logical id of a deployed stack's resource
    /// (<c>PeeringStateMachine</c>), in an account and region.
    /// </summary>
    public StateMachine StateMachine(string accountId, string nameOrLogicalId, string region = DefaultRegion)
    {
        if (StepFunctions.FindStateMachine(accountId, region, nameOrLogicalId) is { } byName)
        {
            return byName;
        }

        var arn = Stacks.All.Where(s => s.Identity.AccountId == accountId && s.Identity.Region == region)
            .Select(s => s.Resolved.Resources.FirstOrDefault(r => r.LogicalId == nameOrLogicalId) as StateMachineResource)
            .FirstOrDefault(r => r is not null)?.Arn;
        return arn is not null && StepFunctions.ListStateMachines(accountId, region).FirstOrDefault(m => m.Arn == arn) is { } deployed
            ? deployed
            : throw new InvalidOperationException(
                $"No state machine named or deployed as '{nameOrLogicalId}' in {accountId}/{region}. Deployed: "
                + string.Join(", ", StepFunctions.ListStateMachines(accountId, region).Select(m => m.Name)));
    }

    /// <summary>Starts an execution of a state machine (by name or logical id) as the account itself; no time passes.</summary>
    public StateMachineExecution StartExecution(string accountId, string stateMachine, string input, string? name = null,
        string region = DefaultRegion) =>
        StepFunctions.StartExecution(accountId, region, StateMachine(accountId, stateMachine, region).Arn, name, input);

    /// <summary>Starts an execution with a JSON input.</summary>
    public StateMachineExecution StartExecution(string accountId, string stateMachine, JsonNode input, string? name = null,
        string region = DefaultRegion) => StartExecution(accountId, stateMachine, input.ToJsonString(), name, region);

    /// <summary>
    /// Runs everything until <paramref name="execution"/> has ended, moving virtual time only while it runs; then lets
    /// whatever it set off (events, other executions) settle without more time passing. Returns its result.
    /// </summary>
    /// <exception cref="TimeoutException">The execution was still running when virtual time reached the horizon.</exception>
    public async Task<ExecutionResult> RunUntilEndedAsync(StateMachineExecution execution, TimeSpan? horizon = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(execution);
        await SettleAsync(cancellationToken);
        if (!await new ExecutionDriver(StepFunctions).RunUntilEndedAsync(execution, horizon, cancellationToken))
        {
            throw new TimeoutException(
                $"The execution {execution.ExecutionArn} was still running after {horizon ?? ExecutionDriver.DefaultHorizon} of virtual time.");
        }

        await SettleAsync(cancellationToken);
        return execution.Execution.Result!;
    }

    /// <summary>
    /// Moves virtual time until no execution is running — every Wait, retry, timeout and peering transition they need,
    /// and the schedules due meanwhile — and lets events and Lambda invocations finish. Time stops the moment the last
    /// execution ends. Returns false when executions were still running (parked on a task token nobody answers) once
    /// virtual time reached the horizon (one day by default).
    /// </summary>
    public async Task<bool> RunUntilIdleAsync(TimeSpan? horizon = null, CancellationToken cancellationToken = default)
    {
        var deadline = Clock.GetUtcNow() + (horizon ?? ExecutionDriver.DefaultHorizon);
        var driver = new ExecutionDriver(StepFunctions);
        while (true)
        {
            await SettleAsync(cancellationToken);
            if (StepFunctions.RunningExecutions.Count == 0)
            {
                return true;
            }

            var remaining = deadline - Clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero || !await driver.RunUntilNoneRunningAsync(remaining, cancellationToken))
            {
                return false;
            }
        }
    }

    /// <summary>Lets the work in flight (event deliveries, Lambda invocations, executions up to their next wait) finish; no time passes.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        do
        {
            await Events.WhenIdleAsync().WaitAsync(cancellationToken);
            if (!Clock.AutoAdvance)
            {
                await Clock.WhenIdleAsync(cancellationToken);
            }
        }
        while (Clock.WorkInFlight > 0);
    }

    /// <summary>The history of an execution (GetExecutionHistory), oldest first.</summary>
    public IReadOnlyList<HistoryEvent> History(StateMachineExecution execution) => execution.Execution.GetHistory();

    /// <summary>
    /// Holds a unit of clock work while an EventBridge target runs a Lambda function, so a scheduled or emitted event's
    /// invocation finishes before virtual time moves on.
    /// </summary>
    private sealed class WorkCountingInvoker(IEventTargetInvoker inner, VirtualClock clock) : IEventTargetInvoker
    {
        public bool CanInvoke(string targetArn) => inner.CanInvoke(targetArn);

        public async Task InvokeAsync(EventTargetInvocation invocation, CancellationToken cancellationToken)
        {
            using var work = clock.BeginWork();
            await inner.InvokeAsync(invocation, cancellationToken);
        }
    }
}
