using System.Text;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Iam;
using LocalCloud.Lambda;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Lambda;

/// <summary>
/// In-process invocation. Error documents follow the managed .NET runtime ("AWS Lambda function errors in C#",
/// https://docs.aws.amazon.com/lambda/latest/dg/csharp-exceptions.html); Invoke semantics follow the Invoke API reference
/// (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html).
/// </summary>
public sealed class LambdaInvokeTests
{
    private const string Account = "111111111111";
    private const string Region = "us-east-1";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly TestActivator _activator = new();
    private readonly EmulatedCloud _cloud;
    private readonly LambdaService _lambda;

    public LambdaInvokeTests()
    {
        _cloud = new EmulatedCloud(_time);
        _lambda = _cloud.AddLambda(_activator);
    }

    private LambdaFunctionConfiguration Register(string handler, string name = "fn", string? role = null, int timeout = 3,
        Dictionary<string, string>? environment = null) =>
        _lambda.Register(new LambdaFunctionConfiguration(Account, Region, name, handler, role, environment, timeout));

    private Task<LambdaInvocationResult> InvokeAsync(LambdaFunctionConfiguration function, string payload = """{"x": 1}""") =>
        _lambda.InvokeAsync(function.FunctionArn, Encoding.UTF8.GetBytes(payload));

    [Theory]
    [InlineData("HandleAsync")]
    [InlineData("StaticHandleAsync")]
    public async Task The_handler_method_gets_the_payload_on_a_fresh_stream(string method)
    {
        var function = Register(Handlers.Of<EchoHandler>(method));

        var result = await InvokeAsync(function, """{"peering": "pcx-1"}""");

        Assert.Equal((200, """{"peering": "pcx-1"}""", (string?)null), (result.StatusCode, result.PayloadText, result.FunctionError));
    }

    [Fact]
    public async Task A_container_is_created_once_and_reused_by_later_invocations()
    {
        var function = Register(Handlers.Of<EnvironmentHandler>());

        await InvokeAsync(function);
        var second = JsonNode.Parse((await InvokeAsync(function)).Payload)!;

        Assert.Equal(1, _activator.Created);
        Assert.Equal(2, second["invocation"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_container_sees_its_own_environment_without_touching_the_process_environment()
    {
        var function = Register(Handlers.Of<EnvironmentHandler>(), environment: new() { ["TABLE"] = "peerings" });

        var payload = JsonNode.Parse((await InvokeAsync(function)).Payload)!;

        Assert.Equal(("peerings", "fn", Account, Region), (payload["table"]!.GetValue<string>(), payload["functionName"]!.GetValue<string>(),
            payload["account"]!.GetValue<string>(), payload["region"]!.GetValue<string>()));
        Assert.Null(Environment.GetEnvironmentVariable("TABLE"));
        Assert.Equal(Region, _activator.Environments.Single().Variables["AWS_REGION"]);
    }

    [Fact]
    public async Task Handler_clients_act_as_a_session_of_the_execution_role_named_after_the_function()
    {
        _cloud.Iam.Put(new IamRole(Account, "PreflightRole",
            """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""",
            []));
        var function = Register(Handlers.Of<WhoAmIHandler>(), name: "Preflight", role: $"arn:aws:iam::{Account}:role/PreflightRole");

        var result = await InvokeAsync(function);

        Assert.Null(result.FunctionError);
        Assert.Equal($"arn:aws:sts::{Account}:assumed-role/PreflightRole/Preflight", JsonNode.Parse(result.Payload)!["arn"]!.GetValue<string>());
        Assert.Contains(_cloud.RequestLog.For("sts", "GetCallerIdentity"), e => e.CallerArn.EndsWith("assumed-role/PreflightRole/Preflight", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exception_is_reported_as_the_managed_runtime_does()
    {
        var function = Register(Handlers.Of<FailingHandler>());

        var result = await InvokeAsync(function);

        Assert.Equal("Unhandled", result.FunctionError);
        var error = JsonNode.Parse(result.Payload)!;
        Assert.Equal("PeeringConflictException", error["errorType"]!.GetValue<string>());
        Assert.Equal("The peering pcx-1 is already active.", error["errorMessage"]!.GetValue<string>());
        Assert.Contains(error["stackTrace"]!.AsArray(), line => line!.GetValue<string>().Contains("FailingHandler.HandleAsync", StringComparison.Ordinal));
        Assert.DoesNotContain(error["stackTrace"]!.AsArray(), line => line!.GetValue<string>().Contains("System.Reflection", StringComparison.Ordinal));
        Assert.Equal("InvalidOperationException", error["cause"]!["errorType"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_asynchronous_failure_is_reported_with_the_exception_type_name()
    {
        var function = Register(Handlers.Of<FailingHandler>("FailLaterAsync"));

        var error = JsonNode.Parse((await InvokeAsync(function)).Payload)!;

        Assert.Equal(("PeeringConflictException", "async failure"), (error["errorType"]!.GetValue<string>(), error["errorMessage"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_handler_that_outlives_its_timeout_fails_on_the_clouds_clock_and_loses_its_container()
    {
        var function = Register(Handlers.Of<HangingHandler>(), timeout: 10);

        var invocation = InvokeAsync(function);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(invocation.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await invocation;

        Assert.Equal("Unhandled", result.FunctionError);
        var error = JsonNode.Parse(result.Payload)!;
        Assert.Equal("Sandbox.Timedout", error["errorType"]!.GetValue<string>());
        Assert.EndsWith("Task timed out after 10.00 seconds", error["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        var next = InvokeAsync(function);
        _time.Advance(TimeSpan.FromSeconds(10));
        await next;
        Assert.Equal(2, _activator.Created);
    }

    [Theory]
    [InlineData("NoSuchAssembly::A.B::C", "Could not find the specified handler assembly with the file name 'NoSuchAssembly'")]
    [InlineData("LocalCloud.Tests::LocalCloud.Tests.Lambda.Missing::HandleAsync", "Unable to load type 'LocalCloud.Tests.Lambda.Missing'")]
    [InlineData("LocalCloud.Tests::LocalCloud.Tests.Lambda.EchoHandler::Nope", "Unable to find method 'Nope'")]
    [InlineData("LocalCloud.Tests::LocalCloud.Tests.Lambda.EchoHandler::WrongSignature", "must be public Task<Stream> WrongSignature(Stream)")]
    [InlineData("not-a-handler", "Invalid lambda handler string")]
    public async Task A_handler_string_that_does_not_bind_is_a_LambdaValidationException(string handler, string message)
    {
        var function = Register(handler);

        var result = await InvokeAsync(function);

        var error = JsonNode.Parse(result.Payload)!;
        Assert.Equal(("Unhandled", "LambdaValidationException"), (result.FunctionError, error["errorType"]!.GetValue<string>()));
        Assert.Contains(message, error["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_assembly_the_app_does_not_load_is_found_in_a_probing_directory()
    {
        var directory = Directory.CreateTempSubdirectory("lambda-probe-");
        try
        {
            File.Copy(typeof(EchoHandler).Assembly.Location, Path.Combine(directory.FullName, "ProbedHandlers.dll"));
            _lambda.AddProbingDirectory(directory.FullName);
            var function = Register($"ProbedHandlers::{typeof(EchoHandler).FullName}::HandleAsync");

            var result = await InvokeAsync(function, """{"probed": true}""");

            Assert.Equal(((string?)null, """{"probed": true}"""), (result.FunctionError, result.PayloadText));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Event_invocations_are_accepted_with_202_and_DryRun_runs_nothing()
    {
        var function = Register(Handlers.Of<FailingHandler>());

        var accepted = await _lambda.InvokeAsync(function.FunctionArn, "{}"u8.ToArray(), LambdaInvocationType.Event);
        var dryRun = await _lambda.InvokeAsync(function.FunctionArn, "{}"u8.ToArray(), LambdaInvocationType.DryRun);

        Assert.Equal((202, (string?)null), (accepted.StatusCode, accepted.FunctionError));
        Assert.Equal(204, dryRun.StatusCode);
        Assert.Equal("Unhandled", Assert.Single(_lambda.Invocations).Result.FunctionError);
    }

    [Fact]
    public async Task Unknown_functions_are_ResourceNotFoundException()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            _lambda.InvokeAsync($"arn:aws:lambda:{Region}:{Account}:function:nope", "{}"u8.ToArray()));

        Assert.Equal(("ResourceNotFoundException", 404), (error.Code, error.StatusCode));
        Assert.Equal($"Function not found: arn:aws:lambda:{Region}:{Account}:function:nope", error.Message);
    }

    [Theory]
    [InlineData("fn")]
    [InlineData("111111111111:function:fn")]
    [InlineData("arn:aws:lambda:us-east-1:111111111111:function:fn")]
    [InlineData("arn:aws:lambda:us-east-1:111111111111:function:fn:$LATEST")]
    public void Functions_are_found_by_name_partial_or_full_ARN(string name)
    {
        Register(Handlers.Of<EchoHandler>());

        Assert.Equal("fn", _lambda.Get(Account, Region, name).FunctionName);
    }
}
