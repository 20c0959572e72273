using System.Text;
using System.Text.Json.Nodes;
using StatesLanguage.Definition;
using StatesLanguage.Json;

namespace StatesLanguage.Runtime;

/// <summary>One thread of control inside an execution: the top level, a Parallel branch or a Map iteration.</summary>
internal sealed class Flow(VariableScope variables, long lastEventId, CancellationToken token)
{
    public VariableScope Variables => variables;

    public long LastEventId { get; set; } = lastEventId;

    public CancellationToken Token => token;
}

/// <summary>Runs one execution: the state loop and the data flow of every state type, in the spec's order.</summary>
internal sealed partial class Interpreter(StateMachineEngine engine, Execution execution)
{
    private const int PayloadLimitBytes = 256 * 1024;

    private readonly WorkTracker _tracker = engine.Tracker;
    private readonly ExecutionContextInfo _info = new(execution.ExecutionArn, execution.Name, execution.RoleArn, execution.StartDate,
        execution.InputNode, execution.StateMachineArn, execution.StateMachineName);

    private DateTimeOffset Now => _tracker.Now;

    public async Task RunAsync()
    {
        ITimer? timeout = null;
        try
        {
            var flow = new Flow(new VariableScope(null), 0, execution.Cancellation.Token);
            flow.LastEventId = Record(flow, "ExecutionStarted", "executionStartedEventDetails",
                ("input", new HistoryEvent.Payload(execution.InputNode)), ("roleArn", execution.RoleArn));
            CheckSize(execution.InputNode, "execution input");
            if (execution.Definition.TimeoutSeconds is { } seconds)
            {
                timeout = _tracker.Time.CreateTimer(_ =>
                {
                    execution.TimedOut = true;
                    execution.Cancellation.Cancel();
                }, null, TimeSpan.FromSeconds(seconds), Timeout.InfiniteTimeSpan);
            }

            var output = await RunGraphAsync(execution.Definition.Graph, execution.InputNode, flow);
            CheckSize(output, "execution output");
            Terminal(flow.LastEventId, "ExecutionSucceeded", "executionSucceededEventDetails", ("output", new HistoryEvent.Payload(output)));
            execution.Complete(new ExecutionResult(ExecutionStatus.Succeeded, output, null, null), Now);
        }
        catch (OperationCanceledException) when (execution.TimedOut)
        {
            const string cause = "The execution ran longer than the state machine's TimeoutSeconds.";
            Terminal(0, "ExecutionTimedOut", "executionTimedOutEventDetails", ("error", ErrorNames.Timeout), ("cause", cause));
            execution.Complete(new ExecutionResult(ExecutionStatus.TimedOut, null, ErrorNames.Timeout, cause), Now);
        }
        catch (OperationCanceledException)
        {
            var (error, cause) = execution.StopRequest ?? (null, null);
            Terminal(0, "ExecutionAborted", "executionAbortedEventDetails", ("error", error), ("cause", cause));
            execution.Complete(new ExecutionResult(ExecutionStatus.Aborted, null, error, cause), Now);
        }
        catch (StatesErrorException e)
        {
            var error = e.Error.Length == 0 ? null : e.Error;
            Terminal(0, "ExecutionFailed", "executionFailedEventDetails", ("error", error), ("cause", e.Cause));
            execution.Complete(new ExecutionResult(ExecutionStatus.Failed, null, error, e.Cause), Now);
        }
        catch (Exception e)
        {
            var cause = $"The runtime failed unexpectedly: {e.GetType().Name}: {e.Message}";
            Terminal(0, "ExecutionFailed", "executionFailedEventDetails", ("error", ErrorNames.Runtime), ("cause", cause));
            execution.Complete(new ExecutionResult(ExecutionStatus.Failed, null, ErrorNames.Runtime, cause), Now);
        }
        finally
        {
            timeout?.Dispose();
            _tracker.Exit();
        }
    }

    private async Task<JsonNode?> RunGraphAsync(StateGraph graph, JsonNode? input, Flow flow)
    {
        var state = graph.States[graph.StartAt];
        while (true)
        {
            flow.Token.ThrowIfCancellationRequested();
            var (output, next) = await RunStateAsync(state, input, flow);
            if (next is null)
            {
                return output;
            }

            input = output;
            state = graph.States[next];
        }
    }

    private ValueTask<(JsonNode? Output, string? Next)> RunStateAsync(StateNode state, JsonNode? input, Flow flow)
    {
        var context = new ContextObject(_info, state.Name, Now);
        Record(flow, state.Type + "StateEntered", "stateEnteredEventDetails", ("name", state.Name), ("input", new HistoryEvent.Payload(input)));
        return state switch
        {
            PassState pass => ValueTask.FromResult(Exited(flow, state, RunPass(pass, input, context, flow))),
            ChoiceState choice => ValueTask.FromResult(Exited(flow, state, RunChoice(choice, input, context, flow))),
            SucceedState => ValueTask.FromResult(Exited(flow, state, (Output(state, Input(state, input, context, flow), flow), null))),
            FailState fail => throw RunFail(fail, input, context, flow),
            WaitState wait => RunWaitAsync(wait, input, context, flow),
            _ => RunWithRetryAsync((ResultState)state, input, context, flow),
        };
    }

    private (JsonNode?, string?) Exited(Flow flow, StateNode state, (JsonNode? Output, string? Next) result)
    {
        Record(flow, state.Type + "StateExited", "stateExitedEventDetails", ("name", state.Name),
            ("output", new HistoryEvent.Payload(result.Output)));
        return (result.Output, result.Next ?? (state.End ? null : state.Next));
    }

    private (JsonNode?, string?) RunPass(PassState state, JsonNode? input, ContextObject context, Flow flow)
    {
        var effective = Input(state, input, context, flow);
        var result = state.HasResult
            ? state.Result?.DeepClone()
            : state.Parameters is { } parameters ? parameters.Evaluate(new DataScope(effective, context, flow.Variables), execution.Random) : effective;
        var assignments = EvaluateAssign(state.Assign, result, context, flow);
        var output = Output(state, Place(state, input, result), flow);
        Commit(assignments, flow);
        return (output, null);
    }

    private (JsonNode?, string?) RunChoice(ChoiceState state, JsonNode? input, ContextObject context, Flow flow)
    {
        var effective = Input(state, input, context, flow);
        var scope = new DataScope(effective, context, flow.Variables);
        ChoiceRule? matched = null;
        foreach (var rule in state.Choices)
        {
            if (rule.Matches(scope))
            {
                matched = rule;
                break;
            }
        }

        var next = matched?.Next ?? state.Default
            ?? throw new StatesErrorException(ErrorNames.NoChoiceMatched,
                $"No Choice Rules matched in the Choice state '{state.Name}' and it has no Default.");
        var assignments = EvaluateAssign(state.Assign, effective, context, flow);
        var ruleAssignments = EvaluateAssign(matched?.Assign, effective, context, flow);
        var output = Output(state, effective, flow);
        Commit(assignments, flow);
        Commit(ruleAssignments, flow);
        return (output, next);
    }

    private StatesErrorException RunFail(FailState state, JsonNode? input, ContextObject context, Flow flow)
    {
        var scope = new DataScope(input, context, flow.Variables);
        var error = state.Error ?? Text(state.ErrorPath, scope, "ErrorPath");
        var cause = state.Cause ?? Text(state.CausePath, scope, "CausePath");
        return new StatesErrorException(error ?? "", cause);
    }

    private string? Text(PayloadTemplate? template, DataScope scope, string field)
    {
        if (template?.Evaluate(scope, execution.Random) is not JsonObject value)
        {
            return null;
        }

        return JsonText.TryGetString(value["v"], out var text)
            ? text
            : throw new StatesErrorException(ErrorNames.Runtime, $"The value of {field} must be a string but was {JsonText.Describe(value["v"])}.");
    }

    private async ValueTask<(JsonNode?, string?)> RunWaitAsync(WaitState state, JsonNode? input, ContextObject context, Flow flow)
    {
        var effective = Input(state, input, context, flow);
        var scope = new DataScope(effective, context, flow.Variables);
        var now = Now;
        DateTimeOffset until;
        if (state.Timestamp is { } timestamp)
        {
            until = timestamp;
        }
        else if (state.TimestampPath is { } timestampPath)
        {
            until = ChoiceRule.TryTimestamp(scope.Resolve(timestampPath, "TimestampPath"), out var t)
                ? t
                : throw new StatesErrorException(ErrorNames.Runtime, $"The TimestampPath '{timestampPath.Text}' does not point to an RFC 3339 timestamp.");
        }
        else if (state.SecondsPath is { } secondsPath)
        {
            until = now.AddSeconds(JsonText.TryGetInteger(scope.Resolve(secondsPath, "SecondsPath"), out var s) && s >= 0
                ? s
                : throw new StatesErrorException(ErrorNames.Runtime, $"The SecondsPath '{secondsPath.Text}' does not point to a non-negative integer."));
        }
        else
        {
            until = now.AddSeconds(state.Seconds ?? 0);
        }

        await _tracker.DelayAsync(until - now, flow.Token);
        var assignments = EvaluateAssign(state.Assign, effective, context, flow);
        var output = Output(state, effective, flow);
        Commit(assignments, flow);
        return Exited(flow, state, (output, null));
    }

    /// <summary>Task, Parallel and Map: one attempt after another as the retriers allow, then the catchers.</summary>
    private async ValueTask<(JsonNode?, string?)> RunWithRetryAsync(ResultState state, JsonNode? input, ContextObject context, Flow flow)
    {
        var attempts = state.Retry.Count == 0 ? [] : new int[state.Retry.Count];
        while (true)
        {
            StatesErrorException failure;
            try
            {
                var effective = Input(state, input, context, flow);
                var (result, assignments) = state switch
                {
                    TaskState task => await RunTaskAsync(task, effective, context, flow),
                    ParallelState parallel => await RunParallelAsync(parallel, effective, context, flow),
                    _ => await RunMapAsync((MapState)state, effective, context, flow),
                };
                var output = Output(state, Place(state, input, result), flow);
                Commit(assignments, flow);
                return Exited(flow, state, (output, null));
            }
            catch (StatesErrorException e) when (e.Error is not ErrorNames.Runtime && !flow.Token.IsCancellationRequested)
            {
                failure = e;
            }

            var retrier = Array.FindIndex(state.Retry.ToArray(), r => r.ErrorEquals.Any(p => ErrorNames.Matches(p, failure.Error)));
            if (retrier >= 0 && attempts[retrier] < state.Retry[retrier].MaxAttempts)
            {
                await _tracker.DelayAsync(RetryDelay(state.Retry[retrier], attempts[retrier]++), flow.Token);
                context.RetryCount++;
                continue;
            }

            var catcher = state.Catch.FirstOrDefault(c => c.ErrorEquals.Any(p => ErrorNames.Matches(p, failure.Error)));
            if (catcher is null)
            {
                throw failure;
            }

            var errorOutput = new JsonObject { ["Error"] = failure.Error };
            if (failure.Cause is not null)
            {
                errorOutput["Cause"] = failure.Cause;
            }

            var assignmentsOnCatch = EvaluateAssign(catcher.Assign, errorOutput, context, flow);
            JsonNode? caught = catcher.DiscardResult ? input : errorOutput;
            if (catcher.ResultPath is { } resultPath)
            {
                caught = resultPath.Place(input, errorOutput, out var error) ?? (error is null ? null : throw ResultPathFailure(error));
            }

            Commit(assignmentsOnCatch, flow);
            Exited(flow, state, (caught, catcher.Next));
            return (caught, catcher.Next);
        }
    }

    private TimeSpan RetryDelay(Retrier retrier, int attempt)
    {
        var seconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, attempt);
        if (retrier.MaxDelaySeconds is { } max)
        {
            seconds = Math.Min(seconds, max);
        }

        if (retrier.FullJitter)
        {
            seconds *= execution.Random.NextDouble();
        }

        return TimeSpan.FromSeconds(Math.Min(seconds, 99_999_999));
    }

    private static StatesErrorException ResultPathFailure(string message) => new(ErrorNames.ResultPathMatchFailure, message);

    private async Task<(JsonNode?, List<(string, JsonNode?)>?)> RunParallelAsync(
        ParallelState state, JsonNode? effective, ContextObject context, Flow flow)
    {
        var branchInput = Parameters(state.Parameters, effective, context, flow);
        Record(flow, "ParallelStateStarted", null);
        var startedId = flow.LastEventId;
        var results = await RunChildrenAsync(state.Branches.Count, 0, flow, null, null,
            (i, child) => RunGraphAsync(state.Branches[i], branchInput, child),
            onFailure: null);
        if (results.Failure is { } failure)
        {
            flow.LastEventId = startedId;
            Record(flow, "ParallelStateFailed", null);
            throw failure;
        }

        Record(flow, "ParallelStateSucceeded", null);
        return Selected(state, new JsonArray([.. results.Outputs.Select(Detach)]), context, flow);
    }

    private async Task<(JsonNode?, List<(string, JsonNode?)>?)> RunMapAsync(MapState state, JsonNode? effective, ContextObject context, Flow flow)
    {
        var scope = new DataScope(effective, context, flow.Variables);
        var itemsNode = state.ItemsPath is null ? effective : scope.Resolve(state.ItemsPath, "ItemsPath");
        if (itemsNode is not JsonArray items)
        {
            throw new StatesErrorException(ErrorNames.Runtime,
                $"The Map state '{state.Name}' needs an array of items, but ItemsPath selected {JsonText.Describe(itemsNode)}.");
        }

        var concurrency = state.MaxConcurrencyPath is { } mcp
            ? (JsonText.TryGetInteger(scope.Resolve(mcp, "MaxConcurrencyPath"), out var m) && m >= 0 ? (int)m
                : throw new StatesErrorException(ErrorNames.Runtime, "MaxConcurrencyPath must point to a non-negative integer."))
            : state.MaxConcurrency;
        var toleratedCount = state.ToleratedFailureCountPath is { } tcp
            ? (JsonText.TryGetInteger(scope.Resolve(tcp, "ToleratedFailureCountPath"), out var c) && c >= 0 ? (int)c
                : throw new StatesErrorException(ErrorNames.Runtime, "ToleratedFailureCountPath must point to a non-negative integer."))
            : state.ToleratedFailureCount;
        var toleratedPercentage = state.ToleratedFailurePercentagePath is { } tpp
            ? (JsonText.TryGetNumber(scope.Resolve(tpp, "ToleratedFailurePercentagePath"), out var p) && p is >= 0 and <= 100 ? p
                : throw new StatesErrorException(ErrorNames.Runtime, "ToleratedFailurePercentagePath must point to a number from 0 to 100."))
            : state.ToleratedFailurePercentage;

        Record(flow, "MapStateStarted", "mapStateStartedEventDetails", ("length", items.Count));
        var startedId = flow.LastEventId;
        var results = await RunChildrenAsync(items.Count, concurrency, flow, toleratedCount, toleratedPercentage,
            async (i, child) =>
            {
                var itemContext = new ContextObject(_info, state.Name, Now) { MapItem = (i, items[i]) };
                var itemInput = state.ItemSelector is { } selector
                    ? selector.Evaluate(new DataScope(effective, itemContext, flow.Variables), execution.Random)
                    : items[i];
                Record(child, "MapIterationStarted", "mapIterationStartedEventDetails", ("name", state.Name), ("index", i));
                var output = await RunGraphAsync(state.Processor, itemInput, child);
                Record(child, "MapIterationSucceeded", "mapIterationSucceededEventDetails", ("name", state.Name), ("index", i));
                return output;
            },
            onFailure: (i, child) => Record(child, "MapIterationFailed", "mapIterationFailedEventDetails", ("name", state.Name), ("index", i)));
        flow.LastEventId = startedId;
        if (results.Failure is { } failure)
        {
            Record(flow, "MapStateFailed", null);
            throw failure;
        }

        Record(flow, "MapStateSucceeded", null);
        return Selected(state, new JsonArray([.. results.Outputs.Select(Detach)]), context, flow);
    }

    private sealed class ChildResults(int count)
    {
        public JsonNode?[] Outputs { get; } = new JsonNode?[count];

        public StatesErrorException? Failure { get; set; }

        public int Failed { get; set; }
    }

    /// <summary>
    /// Runs <paramref name="count"/> children (branches or iterations), at most <paramref name="maxConcurrency"/> at once (0: no
    /// limit). Without a tolerance the first failure cancels the others; with one, failures are counted against it.
    /// </summary>
    private async Task<ChildResults> RunChildrenAsync(int count, int maxConcurrency, Flow parent, int? toleratedCount,
        double? toleratedPercentage, Func<int, Flow, Task<JsonNode?>> body, Action<int, Flow>? onFailure)
    {
        var results = new ChildResults(count);
        if (count == 0)
        {
            return results;
        }

        var tolerant = toleratedCount is not null || toleratedPercentage is not null;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(parent.Token);
        var join = new TaskCompletionSource(); // the parent continues inline on the last child's thread, without a hop
        var gate = new Lock();
        var next = 0;
        var remaining = count;
        var startedId = parent.LastEventId;

        void StartNext()
        {
            int index;
            lock (gate)
            {
                if (next >= count)
                {
                    return;
                }

                index = next++;
            }

            _tracker.Start(async () =>
            {
                var child = new Flow(new VariableScope(parent.Variables), startedId, cancellation.Token);
                var stop = false;
                try
                {
                    results.Outputs[index] = await body(index, child);
                }
                catch (StatesErrorException e) when (!cancellation.IsCancellationRequested)
                {
                    Failed(index, child, e, ref stop);
                }
                catch (OperationCanceledException)
                {
                    // Cancelled by a sibling's failure or by the execution ending; the failure is recorded where it happened.
                }
                catch (Exception e)
                {
                    Failed(index, child, new StatesErrorException(ErrorNames.Runtime, e.Message, e), ref stop);
                }

                var done = false;
                lock (gate)
                {
                    remaining--;
                    if (stop)
                    {
                        remaining -= count - next;
                        next = count;
                    }

                    done = remaining == 0;
                }

                if (done)
                {
                    join.TrySetResult();
                }
                else
                {
                    StartNext();
                }
            });
        }

        void Failed(int index, Flow child, StatesErrorException e, ref bool stop)
        {
            try
            {
                onFailure?.Invoke(index, child);
            }
            catch (StatesErrorException limit)
            {
                e = limit;
            }

            lock (gate)
            {
                results.Failed++;
                if (tolerant && e.Error is not ErrorNames.Runtime)
                {
                    var output = new JsonObject { ["Error"] = e.Error };
                    if (e.Cause is not null)
                    {
                        output["Cause"] = e.Cause;
                    }

                    results.Outputs[index] = output;
                    if (results.Failed <= (toleratedCount ?? int.MaxValue)
                        && results.Failed * 100.0 / count <= (toleratedPercentage ?? 100))
                    {
                        return;
                    }

                    e = new StatesErrorException(ErrorNames.ExceedToleratedFailureThreshold,
                        $"The Map state failed because {results.Failed} of {count} items failed, more than it tolerates.");
                }

                results.Failure ??= e;
                stop = true;
            }

            cancellation.Cancel();
        }

        var initial = maxConcurrency <= 0 ? count : Math.Min(maxConcurrency, count);
        for (var i = 0; i < initial; i++)
        {
            StartNext();
        }

        await _tracker.SuspendUntil(join.Task);
        parent.Token.ThrowIfCancellationRequested();
        return results;
    }

    private (JsonNode?, List<(string, JsonNode?)>?) Selected(ResultState state, JsonNode? result, ContextObject context, Flow flow)
    {
        CheckSize(result, $"result of the state '{state.Name}'");
        if (state.ResultSelector is { } selector)
        {
            result = selector.Evaluate(new DataScope(result, context, flow.Variables), execution.Random);
        }

        return (result, EvaluateAssign(state.Assign, result, context, flow));
    }

    private JsonNode? Parameters(PayloadTemplate? parameters, JsonNode? effective, ContextObject context, Flow flow) =>
        parameters is null ? effective : parameters.Evaluate(new DataScope(effective, context, flow.Variables), execution.Random);

    private JsonNode? Input(StateNode state, JsonNode? input, ContextObject context, Flow flow)
    {
        if (state.DiscardInput)
        {
            return new JsonObject();
        }

        return state.InputPath is { IsRoot: false } path
            ? new DataScope(input, context, flow.Variables).Resolve(path, "InputPath")
            : input;
    }

    private JsonNode? Output(StateNode state, JsonNode? output, Flow flow)
    {
        if (state.DiscardOutput)
        {
            return new JsonObject();
        }

        return state.OutputPath is { IsRoot: false } path ? new DataScope(output, null, flow.Variables).Resolve(path, "OutputPath") : output;
    }

    private static JsonNode? Place(ResultState state, JsonNode? input, JsonNode? result)
    {
        if (state.DiscardResult)
        {
            return input;
        }

        if (state.ResultPath is not { IsRoot: false } path)
        {
            return result;
        }

        return path.Place(input, Detach(result), out var error) ?? (error is null ? null : throw ResultPathFailure(error));
    }

    private List<(string, JsonNode?)>? EvaluateAssign(PayloadTemplate? assign, JsonNode? value, ContextObject context, Flow flow)
    {
        if (assign?.Evaluate(new DataScope(value, context, flow.Variables), execution.Random) is not JsonObject evaluated)
        {
            return null;
        }

        return [.. evaluated.Select(p => (p.Key, p.Value))];
    }

    private static void Commit(List<(string Name, JsonNode? Value)>? assignments, Flow flow)
    {
        if (assignments is null)
        {
            return;
        }

        foreach (var (name, value) in assignments)
        {
            flow.Variables.Set(name, value);
        }
    }

    private static JsonNode? Detach(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

    private static void CheckSize(JsonNode? node, string what)
    {
        if (node is JsonObject or JsonArray or JsonValue && Encoding.UTF8.GetByteCount(JsonText.Serialize(node)) > PayloadLimitBytes)
        {
            throw new StatesErrorException(ErrorNames.DataLimitExceeded,
                $"The {what} is larger than the Step Functions limit of 262144 bytes.");
        }
    }

    private long Record(Flow flow, string type, string? detailsName, params (string, object?)[] details)
    {
        flow.LastEventId = execution.Record(flow.LastEventId, type, detailsName, details, Now);
        return flow.LastEventId;
    }

    private void Terminal(long previous, string type, string detailsName, params (string, object?)[] details)
    {
        if (previous == 0)
        {
            previous = execution.GetHistory() is { Count: > 0 } history ? history[^1].Id : 0;
        }

        execution.Record(previous, type, detailsName, details, Now, terminal: true);
    }
}
