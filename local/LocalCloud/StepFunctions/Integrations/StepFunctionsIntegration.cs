using System.Text.Json.Nodes;
using LocalCloud.Core;
using StatesLanguage;
using StatesLanguage.Runtime;
using StatesLanguage.Tasks;

namespace LocalCloud.StepFunctions.Integrations;

/// <summary>
/// Step Functions calling itself: <c>aws-sdk:sfn:sendTaskSuccess</c> / <c>sendTaskFailure</c> / <c>sendTaskHeartbeat</c>
/// (as the task's principal, so a token of another account fails with <c>Sfn.InvalidTokenException</c>) and
/// <c>states:startExecution</c> with <c>.sync</c> (output and input as JSON text) and <c>.sync:2</c> (as JSON).
/// A child that does not succeed fails a <c>.sync</c> task with <c>States.TaskFailed</c> and its description as the cause;
/// stopping the parent stops the child.
/// </summary>
internal sealed class StepFunctionsIntegration(StepFunctionsService service)
{
    public Task<JsonNode?> SendTaskSuccessAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
        Sdk(invocation, (account, token) => service.SendTaskSuccess(account, invocation.Region, token,
            ServiceIntegrations.JsonText(invocation, "Output") ?? "null"));

    public Task<JsonNode?> SendTaskFailureAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
        Sdk(invocation, (account, token) => service.SendTaskFailure(account, invocation.Region, token,
            ServiceIntegrations.Optional(invocation, "Error"), ServiceIntegrations.Optional(invocation, "Cause")));

    public Task<JsonNode?> SendTaskHeartbeatAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
        Sdk(invocation, (account, token) => service.SendTaskHeartbeat(account, invocation.Region, token));

    public async Task<JsonNode?> StartExecutionAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var caller = service.Principals.Resolve(invocation).Principal;
        var arn = ServiceIntegrations.Required(invocation, "StateMachineArn");
        if (!service.Cloud.Iam.Permits(caller, "states:StartExecution", arn))
        {
            throw new StatesErrorException("StepFunctions.AWSStepFunctionsException",
                $"User: {caller.Arn} is not authorized to perform: states:StartExecution on resource: {arn}");
        }

        StateMachineExecution child;
        try
        {
            var region = StepFunctionsArns.Parse(arn, "stateMachine")?.Region ?? invocation.Region;
            child = service.StartExecution(caller.AccountId, region, arn, ServiceIntegrations.Optional(invocation, "Name"),
                ServiceIntegrations.JsonText(invocation, "Input"));
        }
        catch (AwsServiceException e)
        {
            throw new StatesErrorException($"StepFunctions.{Exception(e.Code)}", e.Message);
        }

        if (invocation.Pattern != TaskIntegrationPattern.Sync)
        {
            return new JsonObject
            {
                ["ExecutionArn"] = child.ExecutionArn,
                ["StartDate"] = child.Execution.StartDate.ToUnixTimeMilliseconds(),
            };
        }

        await WaitForChildAsync(child, invocation.Time, cancellationToken);
        var description = Describe(child, asJson: invocation.Resource.EndsWith(":2", StringComparison.Ordinal));
        return child.Execution.Status == ExecutionStatus.Succeeded
            ? description
            : throw new StatesErrorException(ErrorNames.TaskFailed, description.ToJsonString());
    }

    /// <summary>Waits for the child with this task's unit of work given up, so virtual time moves for the child.</summary>
    private static async Task WaitForChildAsync(StateMachineExecution child, TimeProvider time, CancellationToken cancellationToken)
    {
        using var stop = cancellationToken.Register(() => child.Execution.Stop("States.Aborted", "The parent execution was stopped."));
        var ended = time is VirtualClock clock ? clock.AwaitExternalAsync(child.Completion) : child.Completion;
        await ended;
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static JsonObject Describe(StateMachineExecution child, bool asJson)
    {
        var execution = child.Execution;
        var result = execution.Result;
        var description = new JsonObject
        {
            ["ExecutionArn"] = execution.ExecutionArn,
            ["Input"] = asJson ? execution.Input : child.InputText,
            ["InputDetails"] = new JsonObject { ["Included"] = true },
            ["Name"] = execution.Name,
            ["StartDate"] = execution.StartDate.ToUnixTimeMilliseconds(),
            ["StateMachineArn"] = execution.StateMachineArn,
            ["Status"] = child.StatusName,
            ["StopDate"] = execution.StopDate?.ToUnixTimeMilliseconds(),
        };
        if (result?.Status == ExecutionStatus.Succeeded)
        {
            description["Output"] = asJson ? result.Output?.DeepClone() : result.OutputJson;
            description["OutputDetails"] = new JsonObject { ["Included"] = true };
        }
        else if (result is not null)
        {
            description["Error"] = result.Error;
            description["Cause"] = result.Cause;
        }

        return description;
    }

    private Task<JsonNode?> Sdk(TaskInvocation invocation, Action<string, string> call)
    {
        var caller = service.Principals.Resolve(invocation).Principal;
        try
        {
            call(caller.AccountId, ServiceIntegrations.Required(invocation, "TaskToken"));
        }
        catch (AwsServiceException e)
        {
            throw new StatesErrorException($"Sfn.{Exception(e.Code)}",
                $"{e.Message} (Service: Sfn, Status Code: {e.StatusCode}, Error Code: {e.Code})");
        }

        return Task.FromResult<JsonNode?>(new JsonObject());
    }

    /// <summary>The SDK exception name of an error code (Step Functions' integrations always add the suffix).</summary>
    private static string Exception(string code) => code.EndsWith("Exception", StringComparison.Ordinal) ? code : code + "Exception";
}
