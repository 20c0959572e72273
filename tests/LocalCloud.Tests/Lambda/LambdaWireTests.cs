using System.Text.Json.Nodes;
using LocalCloud.Lambda;
using LocalCloud.Tests.Events;

namespace LocalCloud.Tests.Lambda;

/// <summary>
/// The Lambda REST API through a SigV4-signed HttpClient (Invoke: https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html,
/// GetFunction: API_GetFunction.html, ListFunctions: API_ListFunctions.html).
/// </summary>
public sealed class LambdaWireTests : IDisposable
{
    private const string Account = "111111111111";

    private readonly EmulatedCloud _cloud = new();
    private readonly SignedHttpClient _client;

    public LambdaWireTests()
    {
        var lambda = _cloud.AddLambda();
        lambda.Register(new LambdaFunctionConfiguration(Account, "us-east-1", "echo", Handlers.Of<EchoHandler>(),
            Environment: new Dictionary<string, string> { ["MODE"] = "test" }));
        lambda.Register(new LambdaFunctionConfiguration(Account, "us-east-1", "fail", Handlers.Of<FailingHandler>()));
        _client = new SignedHttpClient(_cloud, Account, "us-east-1");
    }

    public void Dispose() => _client.Dispose();

    private Task<HttpResponseMessage> InvokeAsync(string name, string payload, string? type = null) =>
        _client.SendAsync("lambda", HttpMethod.Post, $"/2015-03-31/functions/{name}/invocations", payload, "application/json",
            type is null ? null : new Dictionary<string, string> { ["X-Amz-Invocation-Type"] = type });

    [Fact]
    public async Task Invoke_returns_the_handlers_payload()
    {
        using var response = await InvokeAsync("echo", """{"a": 1}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("""{"a": 1}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("$LATEST", response.Headers.GetValues("X-Amz-Executed-Version").Single());
        Assert.False(response.Headers.Contains("X-Amz-Function-Error"));
    }

    [Fact]
    public async Task A_function_error_is_200_with_X_Amz_Function_Error_Unhandled()
    {
        using var response = await InvokeAsync("fail", "{}");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("PeeringConflictException", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errorType"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Event", 202)]
    [InlineData("DryRun", 204)]
    public async Task Invocation_types_answer_with_their_status(string type, int status)
    {
        using var response = await InvokeAsync("echo", "{}", type);

        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_function_is_ResourceNotFoundException()
    {
        using var response = await InvokeAsync("nope", "{}");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("Function not found: arn:aws:lambda:us-east-1:111111111111:function:nope",
            JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetFunction_and_ListFunctions_describe_the_configuration()
    {
        using var get = await _client.SendAsync("lambda", HttpMethod.Get, "/2015-03-31/functions/echo", null, null);
        using var list = await _client.SendAsync("lambda", HttpMethod.Get, "/2015-03-31/functions/", null, null);

        var configuration = JsonNode.Parse(await get.Content.ReadAsStringAsync())!["Configuration"]!;
        Assert.Equal(("arn:aws:lambda:us-east-1:111111111111:function:echo", "test", "dotnet10"),
            (configuration["FunctionArn"]!.GetValue<string>(), configuration["Environment"]!["Variables"]!["MODE"]!.GetValue<string>(),
                configuration["Runtime"]!.GetValue<string>()));
        Assert.Equal(["echo", "fail"],
            JsonNode.Parse(await list.Content.ReadAsStringAsync())!["Functions"]!.AsArray().Select(f => f!["FunctionName"]!.GetValue<string>()));
    }
}
