using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalCloud.Core;
using LocalCloud.Events;
using LocalCloud.StepFunctions.Integrations;
using LocalCloud.Templates;
using StatesLanguage;
using StatesLanguage.Runtime;
using StatesLanguage.Tasks;

namespace LocalCloud.StepFunctions;

/// <summary>Settings of the Step Functions emulation.</summary>
public sealed record StepFunctionsOptions
{
    /// <summary>Seeds execution names, task tokens and retry jitter of every account's engine.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>
/// The Step Functions state model: state machines per account and region, executions run by the ASL runtime (one
/// <see cref="StateMachineEngine"/> per account and region on the cloud's clock, so task tokens belong to their account),
/// task tokens, and the service integrations registered as task handlers. It starts executions for EventBridge rule
/// targets (<see cref="IStateMachineStarter"/>) and receives the state machines of deployed stacks
/// (<see cref="IStateMachineRegistry"/>). Errors are <see cref="AwsServiceException"/>s spelled as Step Functions spells them.
/// </summary>
public sealed partial class StepFunctionsService : IStateMachineStarter, IStateMachineRegistry
{
    /// <summary>The service principal that assumes state machine roles.</summary>
    public const string ServicePrincipal = "states.amazonaws.com";

    private const int MaxPayloadBytes = 262_144;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StateMachine> _stateMachines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StateMachineExecution> _executions = new(StringComparer.Ordinal);
    private readonly List<StateMachineExecution> _executionOrder = [];
    private readonly Dictionary<string, (StateMachine Machine, string Input)> _starting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Account, string Region), StateMachineEngine> _engines = new();
    private readonly ConcurrentDictionary<string, (string Account, string Region)> _tokenOwners = new(StringComparer.Ordinal);
    private readonly Random _names;

    /// <summary>Creates the service on a cloud (its clock, STS and the other services the integrations call).</summary>
    public StepFunctionsService(EmulatedCloud cloud, StepFunctionsOptions? options = null)
    {
        Cloud = cloud;
        Options = options ?? new StepFunctionsOptions();
        _names = new Random(Options.Seed);
        Principals = new TaskPrincipals(cloud);
        ServiceIntegrations.Register(this, Handlers);
    }

    /// <summary>The cloud the service belongs to.</summary>
    public EmulatedCloud Cloud { get; }

    /// <summary>The settings.</summary>
    public StepFunctionsOptions Options { get; }

    /// <summary>The task handlers shared by every account's engine (the service integrations; tests may add their own).</summary>
    public TaskHandlerRegistry Handlers { get; } = new();

    internal TaskPrincipals Principals { get; }

    /// <summary>Every execution started so far, oldest first.</summary>
    public IReadOnlyList<StateMachineExecution> Executions
    {
        get
        {
            lock (_gate)
            {
                return [.. _executionOrder];
            }
        }
    }

    /// <summary>The executions that have not ended yet, oldest first.</summary>
    public IReadOnlyList<StateMachineExecution> RunningExecutions => [.. Executions.Where(e => e.IsRunning)];

    /// <summary>Creates a state machine (CreateStateMachine); the same name with the same definition, role and type returns the existing one.</summary>
    /// <param name="accountId">The owner account.</param>
    /// <param name="region">The region.</param>
    /// <param name="name">The name (1–80 characters, no whitespace, brackets, wildcards or special characters).</param>
    /// <param name="definition">The ASL definition text.</param>
    /// <param name="roleArn">The execution role, or null to act as the account itself (local use only).</param>
    /// <param name="type">STANDARD or EXPRESS.</param>
    /// <param name="substitutions">DefinitionSubstitutions applied to <c>${…}</c> placeholders (CloudFormation's job in AWS).</param>
    public StateMachine CreateStateMachine(string accountId, string region, string name, string definition, string? roleArn,
        StateMachineType type = StateMachineType.Standard, IReadOnlyDictionary<string, string>? substitutions = null) =>
        Put(accountId, region, name, definition, roleArn, type, substitutions, replace: false);

    /// <summary>Creates or replaces a state machine (UpdateStateMachine, or a stack update); running executions keep their definition.</summary>
    public StateMachine PutStateMachine(string accountId, string region, string name, string definition, string? roleArn,
        StateMachineType type = StateMachineType.Standard, IReadOnlyDictionary<string, string>? substitutions = null) =>
        Put(accountId, region, name, definition, roleArn, type, substitutions, replace: true);

    /// <summary>A state machine by ARN as seen from an account and region, or <c>StateMachineDoesNotExist</c>.</summary>
    public StateMachine GetStateMachine(string accountId, string region, string stateMachineArn)
    {
        ValidateArn(stateMachineArn, "stateMachine", "stateMachineArn");
        lock (_gate)
        {
            return _stateMachines.TryGetValue(stateMachineArn, out var machine) && machine.AccountId == accountId && machine.Region == region
                ? machine
                : throw StepFunctionsErrors.StateMachineDoesNotExist(stateMachineArn);
        }
    }

    /// <summary>A state machine by name in an account and region, or null.</summary>
    public StateMachine? FindStateMachine(string accountId, string region, string name)
    {
        lock (_gate)
        {
            return _stateMachines.GetValueOrDefault(StepFunctionsArns.StateMachine(region, accountId, name));
        }
    }

    /// <summary>The state machines of an account and region, by name.</summary>
    public IReadOnlyList<StateMachine> ListStateMachines(string accountId, string region)
    {
        lock (_gate)
        {
            return [.. _stateMachines.Values.Where(m => m.AccountId == accountId && m.Region == region).OrderBy(m => m.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Deletes a state machine (DeleteStateMachine); running executions are stopped, as AWS eventually does.</summary>
    public void DeleteStateMachine(string accountId, string region, string stateMachineArn)
    {
        ValidateArn(stateMachineArn, "stateMachine", "stateMachineArn");
        List<StateMachineExecution> running;
        lock (_gate)
        {
            if (!_stateMachines.TryGetValue(stateMachineArn, out var machine) || machine.AccountId != accountId || machine.Region != region)
            {
                return;
            }

            _stateMachines.Remove(stateMachineArn);
            running = [.. _executionOrder.Where(e => e.StateMachine == machine && e.IsRunning)];
        }

        foreach (var execution in running)
        {
            execution.Execution.Stop("States.Aborted", "The state machine was deleted.");
        }
    }

    /// <summary>
    /// StartExecution. With a name already used: the same running execution when the input is identical, otherwise
    /// <c>ExecutionAlreadyExists</c> (also for any closed execution of that name), per the API reference.
    /// </summary>
    public StateMachineExecution StartExecution(string accountId, string region, string stateMachineArn, string? name, string? input)
    {
        var machine = GetStateMachine(accountId, region, stateMachineArn);
        var inputText = string.IsNullOrEmpty(input) ? "{}" : input;
        var inputJson = ParseInput(inputText);
        if (name is not null)
        {
            ValidateName(name, "name");
        }

        string executionName;
        string executionArn;
        lock (_gate)
        {
            executionName = name ?? NewUuid();
            executionArn = machine.Type == StateMachineType.Express
                ? StepFunctionsArns.ExpressExecution(region, accountId, machine.Name, executionName, NewUuid())
                : StepFunctionsArns.Execution(region, accountId, machine.Name, executionName);
            if (_executions.TryGetValue(executionArn, out var existing))
            {
                return existing.IsRunning && SameJson(existing.InputText, inputText)
                    ? existing
                    : throw new AwsServiceException("ExecutionAlreadyExists", $"Execution Already Exists: '{existing.ExecutionArn}'");
            }

            if (!_starting.TryAdd(executionArn, (machine, inputText)))
            {
                throw new AwsServiceException("ExecutionAlreadyExists", $"Execution Already Exists: '{executionArn}'");
            }
        }

        // The runtime runs the execution up to its first wait before returning: never under the service's lock.
        var execution = Engine(accountId, region).StartExecution(machine.Definition, inputJson, new ExecutionStartOptions
        {
            Name = executionName,
            StateMachineArn = machine.Arn,
            StateMachineName = machine.Name,
            ExecutionArn = executionArn,
            RoleArn = machine.RoleArn,
        });
        lock (_gate)
        {
            return Registered(execution.ExecutionArn)!;
        }
    }

    /// <summary>StartSyncExecution: runs an EXPRESS state machine and returns the ended execution.</summary>
    public async Task<StateMachineExecution> StartSyncExecutionAsync(
        string accountId, string region, string stateMachineArn, string? name, string? input, CancellationToken cancellationToken = default)
    {
        var machine = GetStateMachine(accountId, region, stateMachineArn);
        if (machine.Type != StateMachineType.Express)
        {
            throw new AwsServiceException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine.");
        }

        var execution = StartExecution(accountId, region, stateMachineArn, name, input);
        await new ExecutionDriver(this).RunUntilEndedAsync(execution, cancellationToken: cancellationToken);
        return execution;
    }

    /// <summary>An execution by ARN as seen from an account and region, or <c>ExecutionDoesNotExist</c>.</summary>
    public StateMachineExecution GetExecution(string accountId, string region, string executionArn)
    {
        if (StepFunctionsArns.Parse(executionArn, "execution") is null && StepFunctionsArns.Parse(executionArn, "express") is null)
        {
            throw StepFunctionsErrors.InvalidArn(executionArn, "executionArn");
        }

        lock (_gate)
        {
            return Registered(executionArn) is { } execution && execution.StateMachine.AccountId == accountId
                && execution.StateMachine.Region == region
                ? execution
                : throw new AwsServiceException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");
        }
    }

    /// <summary>The executions of a STANDARD state machine, newest first, optionally only those with a status (RUNNING, …).</summary>
    public IReadOnlyList<StateMachineExecution> ListExecutions(string accountId, string region, string stateMachineArn, string? statusFilter = null)
    {
        var machine = GetStateMachine(accountId, region, stateMachineArn);
        if (machine.Type == StateMachineType.Express)
        {
            throw new AwsServiceException("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine.");
        }

        if (statusFilter is not null and not ("RUNNING" or "SUCCEEDED" or "FAILED" or "TIMED_OUT" or "ABORTED" or "PENDING_REDRIVE"))
        {
            throw new AwsServiceException("ValidationException",
                $"1 validation error detected: Value '{statusFilter}' at 'statusFilter' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
        }

        lock (_gate)
        {
            return [.. _executionOrder.Where(e => e.StateMachine.Arn == machine.Arn && (statusFilter is null || e.StatusName == statusFilter))
                .Reverse()];
        }
    }

    /// <summary>StopExecution: stops a running execution (ABORTED); an ended one is left as it is.</summary>
    public StateMachineExecution StopExecution(string accountId, string region, string executionArn, string? error, string? cause)
    {
        var execution = GetExecution(accountId, region, executionArn);
        execution.Execution.Stop(error, cause);
        return execution;
    }

    /// <summary>SendTaskSuccess from a caller in an account and region.</summary>
    public void SendTaskSuccess(string accountId, string region, string taskToken, string output)
    {
        var json = ParseOutput(output);
        UseToken(accountId, region, taskToken, engine => engine.SendTaskSuccess(taskToken, json));
    }

    /// <summary>SendTaskFailure from a caller in an account and region.</summary>
    public void SendTaskFailure(string accountId, string region, string taskToken, string? error, string? cause) =>
        UseToken(accountId, region, taskToken, engine => engine.SendTaskFailure(taskToken, error, cause));

    /// <summary>SendTaskHeartbeat from a caller in an account and region.</summary>
    public void SendTaskHeartbeat(string accountId, string region, string taskToken) =>
        UseToken(accountId, region, taskToken, engine => engine.SendTaskHeartbeat(taskToken));

    /// <inheritdoc />
    public Task<string> StartExecutionAsync(string stateMachineArn, string inputJson, string? roleArn, CancellationToken cancellationToken)
    {
        var target = StepFunctionsArns.Parse(stateMachineArn, "stateMachine")
            ?? throw StepFunctionsErrors.InvalidArn(stateMachineArn, "stateMachineArn");
        if (roleArn is not null)
        {
            // EventBridge assumes the target's role to call StartExecution; a role it may not assume fails the delivery.
            Cloud.Sts.AssumeRoleAsService("events.amazonaws.com", roleArn, "events-target");
        }

        return Task.FromResult(StartExecution(target.Account, target.Region, stateMachineArn, null, inputJson).ExecutionArn);
    }

    /// <inheritdoc />
    public void CreateOrUpdate(StackIdentity stack, StateMachineResource stateMachine)
    {
        var type = stateMachine.StateMachineType.Equals("EXPRESS", StringComparison.OrdinalIgnoreCase)
            ? StateMachineType.Express
            : StateMachineType.Standard;
        PutStateMachine(stack.AccountId, stack.Region, stateMachine.Name, stateMachine.Definition, stateMachine.RoleArn, type,
            stateMachine.DefinitionSubstitutions);
    }

    /// <inheritdoc />
    public void Delete(StackIdentity stack, StateMachineResource stateMachine) =>
        DeleteStateMachine(stack.AccountId, stack.Region, stateMachine.Arn);

    /// <summary>The engine of an account and region (created on first use).</summary>
    public StateMachineEngine Engine(string accountId, string region) =>
        _engines.GetOrAdd((accountId, region), key => new StateMachineEngine(new StateMachineEngineOptions
        {
            Time = Cloud.Time,
            AccountId = key.Account,
            Region = key.Region,
            Handlers = Handlers,
            RandomSeed = StableSeed($"{Options.Seed}/{key.Account}/{key.Region}"),
        }));

    /// <summary>Remembers which account's engine issued a task token, so another account's use of it fails as in AWS.</summary>
    internal void RecordToken(TaskInvocation invocation)
    {
        if (invocation.TaskToken is { } token)
        {
            _tokenOwners[token] = (invocation.AccountId, invocation.Region);
        }
    }

    /// <summary>The execution record for an engine execution ARN, or null.</summary>
    internal StateMachineExecution? FindExecution(string executionArn)
    {
        lock (_gate)
        {
            return Registered(executionArn);
        }
    }

    /// <summary>
    /// The record of an execution; one still being started (its first steps run inside the runtime's StartExecution, and
    /// may already call back, e.g. to stop it) is registered on first sight. Call under the lock.
    /// </summary>
    private StateMachineExecution? Registered(string executionArn)
    {
        if (_executions.TryGetValue(executionArn, out var record))
        {
            return record;
        }

        if (!_starting.TryGetValue(executionArn, out var starting)
            || !Engine(starting.Machine.AccountId, starting.Machine.Region).TryGetExecution(executionArn, out var execution))
        {
            return null;
        }

        _starting.Remove(executionArn);
        record = new StateMachineExecution(starting.Machine, execution!, starting.Input);
        _executions[executionArn] = record;
        _executionOrder.Add(record);
        return record;
    }

    private StateMachine Put(string accountId, string region, string name, string definition, string? roleArn, StateMachineType type,
        IReadOnlyDictionary<string, string>? substitutions, bool replace)
    {
        ValidateName(name, "name");
        if (roleArn is not null && !RolePattern().IsMatch(roleArn))
        {
            throw StepFunctionsErrors.InvalidArn(roleArn, "roleArn");
        }

        var validation = StateMachineDefinition.Validate(definition, substitutions);
        if (!validation.IsValid)
        {
            throw new AwsServiceException("InvalidDefinition",
                $"Invalid State Machine Definition: '{string.Join(", ", validation.Problems.Select(p => p.ToString()))}'");
        }

        var loaded = validation.Definition!;
        var machine = new StateMachine(accountId, region, name, type, roleArn, loaded.ToJson(), loaded, Cloud.Time.GetUtcNow());
        lock (_gate)
        {
            if (_stateMachines.TryGetValue(machine.Arn, out var existing) && !replace)
            {
                return existing.DefinitionText == machine.DefinitionText && existing.RoleArn == roleArn && existing.Type == type
                    ? existing
                    : throw new AwsServiceException("StateMachineAlreadyExists", $"State Machine Already Exists: '{machine.Arn}'");
            }

            _stateMachines[machine.Arn] = machine;
            return machine;
        }
    }

    private void UseToken(string accountId, string region, string taskToken, Action<StateMachineEngine> use)
    {
        if (string.IsNullOrEmpty(taskToken) || taskToken.Length > 2048)
        {
            throw new AwsServiceException("InvalidToken", "Invalid Token: 'The task token is empty or longer than 2048 characters.'");
        }

        if (_tokenOwners.TryGetValue(taskToken, out var owner) && owner != (accountId, region))
        {
            // Task tokens carry their account and region; AWS refuses them anywhere else.
            throw new AwsServiceException("InvalidToken", "Invalid Token: 'The task token was not issued in this account and region.'");
        }

        try
        {
            use(Engine(accountId, region));
        }
        catch (TaskTokenException e)
        {
            throw e.Error switch
            {
                TaskTokenError.InvalidToken => new AwsServiceException("InvalidToken", $"Invalid Token: '{e.Message}'"),
                TaskTokenError.TaskTimedOut => new AwsServiceException("TaskTimedOut", "Task Timed Out: 'Provided task has timed out.'"),
                _ => new AwsServiceException("TaskDoesNotExist", "Task Does Not Exist: 'Provided task does not exist anymore.'"),
            };
        }
    }

    private static JsonNode? ParseInput(string input) => ParseJson(input, "InvalidExecutionInput", "Invalid State Machine Execution Input");

    private static JsonNode? ParseOutput(string output) => ParseJson(output, "InvalidOutput", "Invalid Output");

    /// <summary>Parses a payload of at most 256 KiB, or fails with the action's own error code.</summary>
    private static JsonNode? ParseJson(string text, string code, string label)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) > MaxPayloadBytes)
        {
            throw new AwsServiceException(code, $"{label}: 'The payload is larger than 262144 bytes.'");
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new AwsServiceException(code, $"{label}: '{e.Message}'");
        }
    }

    private static bool SameJson(string a, string b)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (JsonException)
        {
            return a == b;
        }
    }

    private static void ValidateName(string name, string member)
    {
        if (name.Length is 0 or > 80 || InvalidNameCharacters().IsMatch(name))
        {
            throw new AwsServiceException("InvalidName", $"Invalid Name: '{name}' (member '{member}')");
        }
    }

    private static void ValidateArn(string arn, string kind, string member)
    {
        if (StepFunctionsArns.Parse(arn, kind) is null)
        {
            throw StepFunctionsErrors.InvalidArn(arn, member);
        }
    }

    private string NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _names.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    [GeneratedRegex(@"[\s<>{}\[\]?*""#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidNameCharacters();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/.+$", RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();
}

/// <summary>Step Functions error shapes used in several places.</summary>
internal static class StepFunctionsErrors
{
    public static AwsServiceException InvalidArn(string arn, string member) =>
        new("InvalidArn", $"Invalid Arn: 'Resource type not valid in this context: {arn}' (member '{member}')");

    public static AwsServiceException StateMachineDoesNotExist(string arn) =>
        new("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");
}
