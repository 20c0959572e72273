using System.Text.Json.Nodes;
using StatesLanguage.Definition;
using StatesLanguage.Json;
using StatesLanguage.Tasks;

namespace StatesLanguage.Runtime;

/// <summary>The Task state: dispatch to handlers, Lambda, task tokens, timeouts and heartbeats.</summary>
internal sealed partial class Interpreter
{
    private const string LambdaInvoke = "arn:aws:states:::lambda:invoke";
    private const string SyncSuffix = ".sync";
    private const string TokenSuffix = ".waitForTaskToken";

    private async Task<(JsonNode?, List<(string, JsonNode?)>?)> RunTaskAsync(TaskState state, JsonNode? effective, ContextObject context, Flow flow)
    {
        var (baseResource, pattern) = Split(state.Resource);
        var scope = new DataScope(effective, context, flow.Variables);
        string? token = null;
        if (pattern == TaskIntegrationPattern.WaitForTaskToken)
        {
            token = engine.NewTaskToken(execution.Random);
            context.TaskToken = token;
        }

        var parameters = Parameters(state.Parameters, effective, context, flow);
        var credentials = state.Credentials?.Evaluate(scope, execution.Random);
        var timeout = Seconds(state.TimeoutSeconds, state.TimeoutSecondsPath, scope, "TimeoutSecondsPath");
        var heartbeat = Seconds(state.HeartbeatSeconds, state.HeartbeatSecondsPath, scope, "HeartbeatSecondsPath");
        var isFunction = IsFunctionArn(state.Resource);
        var (resourceType, resourceName) = ResourceParts(state.Resource);
        if (isFunction)
        {
            Record(flow, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", ("resource", state.Resource),
                ("input", new HistoryEvent.Payload(parameters)), ("timeoutInSeconds", (long?)timeout));
            Record(flow, "LambdaFunctionStarted", null);
        }
        else
        {
            Record(flow, "TaskScheduled", "taskScheduledEventDetails", ("resourceType", resourceType), ("resource", resourceName),
                ("region", engine.Options.Region), ("parameters", new HistoryEvent.Payload(parameters)),
                ("timeoutInSeconds", (long?)timeout), ("heartbeatInSeconds", (long?)heartbeat));
            Record(flow, "TaskStarted", "taskStartedEventDetails", ("resourceType", resourceType), ("resource", resourceName));
        }

        var invocation = new TaskInvocation
        {
            Resource = state.Resource, BaseResource = baseResource, Pattern = pattern, Input = parameters, Credentials = credentials,
            TaskToken = token, ExecutionArn = execution.ExecutionArn, StateMachineArn = execution.StateMachineArn,
            RoleArn = execution.RoleArn, StateName = state.Name, Region = engine.Options.Region, AccountId = engine.Options.AccountId,
            Time = _tracker.Time,
        };

        var outcome = await InvokeAsync(invocation, timeout, heartbeat, flow.Token);
        if (outcome.Error is { } error)
        {
            var timedOut = error.Error is ErrorNames.Timeout or ErrorNames.HeartbeatTimeout;
            if (isFunction)
            {
                Record(flow, timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                    timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
                    ("error", error.Error), ("cause", error.Cause));
            }
            else
            {
                Record(flow, timedOut ? "TaskTimedOut" : "TaskFailed", timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
                    ("resourceType", resourceType), ("resource", resourceName), ("error", error.Error), ("cause", error.Cause));
            }

            throw error;
        }

        var output = outcome.Output;
        if (isFunction)
        {
            Record(flow, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", ("output", new HistoryEvent.Payload(output)));
        }
        else
        {
            Record(flow, "TaskSucceeded", "taskSucceededEventDetails", ("resourceType", resourceType), ("resource", resourceName),
                ("output", new HistoryEvent.Payload(output)));
        }

        return Selected(state, output, context, flow);
    }

    /// <summary>Calls the handler as its own unit of work and waits for it, the task token, a timeout or the execution's end.</summary>
    private async Task<TaskOutcome> InvokeAsync(TaskInvocation invocation, int? timeout, int? heartbeat, CancellationToken stop)
    {
        var wake = new TaskCompletionSource<TaskOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var handlerToken = handlerCancellation.Token;
        var waitsForToken = invocation.TaskToken is not null;
        ITimer? heartbeatTimer = null;
        if (waitsForToken)
        {
            engine.RegisterToken(invocation.TaskToken!, new TokenWaiter(wake, () => heartbeatTimer?.Change(Seconds(heartbeat), Timeout.InfiniteTimeSpan)));
            if (heartbeat is not null)
            {
                heartbeatTimer = _tracker.Time.CreateTimer(_ => wake.TrySetResult(TaskOutcome.Failure(
                    new StatesErrorException(ErrorNames.HeartbeatTimeout, $"The task sent no heartbeat for {heartbeat} seconds."))),
                    null, Seconds(heartbeat), Timeout.InfiniteTimeSpan);
            }
        }

        using var timeoutTimer = timeout is null ? null : _tracker.Time.CreateTimer(_ => wake.TrySetResult(TaskOutcome.Failure(
            new StatesErrorException(ErrorNames.Timeout, $"The task did not finish within {timeout} seconds."))),
            null, Seconds(timeout), Timeout.InfiniteTimeSpan);
        using var stopRegistration = stop.Register(() => wake.TrySetCanceled(stop));

        _tracker.Start(async () =>
        {
            try
            {
                var output = await Dispatch(invocation, handlerToken);
                CheckSize(output, $"result of the task '{invocation.StateName}'");
                if (!waitsForToken)
                {
                    wake.TrySetResult(TaskOutcome.Success(output));
                }
            }
            catch (StatesErrorException e)
            {
                wake.TrySetResult(TaskOutcome.Failure(e));
            }
            catch (OperationCanceledException) when (handlerToken.IsCancellationRequested)
            {
                // The task already ended (timeout or stop); the handler noticed.
            }
            catch (Exception e)
            {
                wake.TrySetResult(TaskOutcome.Failure(new StatesErrorException(e.GetType().Name, e.Message, e)));
            }
        });

        try
        {
            await _tracker.SuspendUntil(wake.Task);
            var outcome = await wake.Task;
            if (outcome.Error is null && waitsForToken)
            {
                CheckSize(outcome.Output, "output sent with SendTaskSuccess");
            }

            return outcome;
        }
        finally
        {
            handlerCancellation.Cancel();
            heartbeatTimer?.Dispose();
            if (waitsForToken)
            {
                var timedOut = wake.Task.IsCompletedSuccessfully && wake.Task.Result.Error?.Error is ErrorNames.Timeout or ErrorNames.HeartbeatTimeout;
                engine.CloseToken(invocation.TaskToken!, timedOut ? TaskTokenError.TaskTimedOut : TaskTokenError.TaskDoesNotExist);
            }
        }
    }

    /// <summary>Finds who runs the resource: a registered handler, else the built-in Lambda integrations.</summary>
    private async Task<JsonNode?> Dispatch(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var handlers = engine.Handlers;
        if (handlers.TryResolve(invocation.Resource, out var handler)
            || (invocation.Pattern == TaskIntegrationPattern.WaitForTaskToken && handlers.TryResolve(invocation.BaseResource, out handler)))
        {
            return await handler!.InvokeAsync(invocation, cancellationToken);
        }

        if (IsFunctionArn(invocation.Resource))
        {
            return await InvokeFunction(invocation.Resource, invocation, invocation.Input, cancellationToken);
        }

        if (invocation.BaseResource == LambdaInvoke && invocation.Pattern != TaskIntegrationPattern.Sync)
        {
            if (invocation.Input is not JsonObject parameters || !JsonText.TryGetString(parameters["FunctionName"], out var function))
            {
                throw new StatesErrorException(ErrorNames.Runtime,
                    $"The Task state '{invocation.StateName}' calls lambda:invoke without a FunctionName string in its Parameters.");
            }

            var payload = parameters["Payload"]?.DeepClone();
            var response = await InvokeFunction(function, invocation, payload, cancellationToken);
            return new JsonObject
            {
                ["ExecutedVersion"] = "$LATEST",
                ["Payload"] = Detach(response),
                ["SdkHttpMetadata"] = new JsonObject { ["HttpStatusCode"] = 200 },
                ["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = StateMachineEngine.NewGuid(execution.Random) },
                ["StatusCode"] = 200,
            };
        }

        throw new StatesErrorException(ErrorNames.Runtime,
            $"No task handler is registered for the resource '{invocation.Resource}' (state '{invocation.StateName}'). "
            + "Register one with TaskHandlerRegistry.Register, RegisterPattern or RegisterFunction.");
    }

    private async Task<JsonNode?> InvokeFunction(string function, TaskInvocation invocation, JsonNode? payload, CancellationToken cancellationToken)
    {
        if (!engine.Handlers.TryResolveFunction(function, out var handler))
        {
            throw new StatesErrorException("Lambda.ResourceNotFoundException",
                $"Function not found: {function} (Service: Lambda, Status Code: 404, Error Code: ResourceNotFoundException)");
        }

        try
        {
            var call = new TaskInvocation
            {
                Resource = invocation.Resource, BaseResource = invocation.BaseResource, Pattern = invocation.Pattern, Input = payload,
                Credentials = invocation.Credentials, TaskToken = invocation.TaskToken, ExecutionArn = invocation.ExecutionArn,
                StateMachineArn = invocation.StateMachineArn, RoleArn = invocation.RoleArn, StateName = invocation.StateName,
                Region = invocation.Region, AccountId = invocation.AccountId, Time = invocation.Time,
            };
            return await handler!.InvokeAsync(call, cancellationToken);
        }
        catch (Exception e) when (e is not StatesErrorException and not OperationCanceledException)
        {
            // A function's unhandled exception surfaces as Lambda reports it: the type as the error, a JSON cause.
            var cause = new JsonObject { ["errorMessage"] = e.Message, ["errorType"] = e.GetType().Name, ["stackTrace"] = new JsonArray() };
            throw new StatesErrorException(e.GetType().Name, JsonText.Serialize(cause), e);
        }
    }

    private static int? Seconds(int? fixedSeconds, JsonPath? path, DataScope scope, string field)
    {
        if (path is null)
        {
            return fixedSeconds;
        }

        return JsonText.TryGetInteger(scope.Resolve(path, field), out var seconds) && seconds > 0
            ? (int)Math.Min(seconds, 99_999_999)
            : throw new StatesErrorException(ErrorNames.Runtime, $"{field} '{path.Text}' must point to a positive integer.");
    }

    private static TimeSpan Seconds(int? seconds) => seconds is null ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds.Value);

    private static (string Base, TaskIntegrationPattern Pattern) Split(string resource) =>
        resource.EndsWith(TokenSuffix, StringComparison.Ordinal) ? (resource[..^TokenSuffix.Length], TaskIntegrationPattern.WaitForTaskToken)
        : resource.EndsWith(SyncSuffix, StringComparison.Ordinal) ? (resource[..^SyncSuffix.Length], TaskIntegrationPattern.Sync)
        : resource.EndsWith(SyncSuffix + ":2", StringComparison.Ordinal) ? (resource[..^(SyncSuffix.Length + 2)], TaskIntegrationPattern.Sync)
        : (resource, TaskIntegrationPattern.RequestResponse);

    private static bool IsFunctionArn(string resource) =>
        resource.StartsWith("arn:", StringComparison.Ordinal) && resource.Contains(":lambda:", StringComparison.Ordinal)
        && resource.Contains(":function:", StringComparison.Ordinal);

    /// <summary>The resourceType and resource of history events: <c>arn:aws:states:::lambda:invoke</c> → (lambda, invoke).</summary>
    private static (string Type, string Name) ResourceParts(string resource)
    {
        const string prefix = "arn:aws:states:::";
        if (!resource.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (IsFunctionArn(resource) ? "lambda" : "activity", resource);
        }

        var rest = resource[prefix.Length..];
        var cut = rest.LastIndexOf(':');
        return cut < 0 ? (rest, rest) : (rest[..cut], rest[(cut + 1)..]);
    }
}
