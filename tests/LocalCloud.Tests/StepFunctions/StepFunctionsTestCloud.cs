using System.Text;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Hosting;
using LocalCloud.Iam;
using LocalCloud.Lambda;
using LocalCloud.StepFunctions;

namespace LocalCloud.Tests.StepFunctions;

/// <summary>The assembled cloud with helpers for small state machines, test functions and raw Step Functions calls.</summary>
internal sealed class StepFunctionsTestCloud
{
    public const string Account = "111111111111";
    public const string Other = "222222222222";
    public const string Region = "us-east-1";

    public StepFunctionsTestCloud() => Assembly = CloudAssembly.Create();

    public CloudAssembly Assembly { get; }

    public EmulatedCloud Cloud => Assembly.Cloud;

    public StepFunctionsService Service => Assembly.StepFunctions;

    /// <summary>A role Step Functions may assume, with the given identity policy statements (allow-all when none).</summary>
    public string StatesRole(string account = Account, string name = "machine-role", string? policy = null)
    {
        var role = Cloud.Iam.Put(new IamRole(account, name,
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}""",
            [new IamPolicy("inline", policy ?? """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")]));
        return role.Arn;
    }

    public StateMachine Machine(string name, string definition, string account = Account, string? roleArn = null,
        StateMachineType type = StateMachineType.Standard) =>
        Service.CreateStateMachine(account, Region, name, definition, roleArn, type);

    /// <summary>Registers a function of this test assembly (handler class in this namespace, method Handle).</summary>
    public LambdaFunctionConfiguration Function(string name, string handlerClass, string account = Account) =>
        Assembly.Lambda.Register(new LambdaFunctionConfiguration(account, Region, name,
            $"LocalCloud.Tests::LocalCloud.Tests.StepFunctions.{handlerClass}::Handle"));

    /// <summary>Calls the Step Functions JSON 1.0 API over the cloud's dispatcher, signed as the account root.</summary>
    public async Task<(int Status, JsonObject Body)> CallAsync(string action, JsonObject body, string account = Account)
    {
        var request = new AwsServiceRequest("POST", "/", string.Empty,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/x-amz-json-1.0",
                ["X-Amz-Target"] = "AWSStepFunctions." + action,
            },
            Encoding.UTF8.GetBytes(body.ToJsonString()));
        var signed = SigV4Signature.Sign(request, account, CredentialStore.DefaultSecret, Region, "states", Cloud.Time.GetUtcNow());
        var response = await Cloud.DispatchAsync(signed);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(response.Body.Span)!);
    }

    /// <summary>A pass-through definition: <c>{"StartAt":"Only","States":{"Only":STATE}}</c> with End added.</summary>
    public static string Single(string stateJson) => $$$"""{"StartAt":"Only","States":{"Only":{{{stateJson}}}}}""";
}

/// <summary>Returns its input.</summary>
public sealed class EchoFunction
{
    public async Task<Stream> Handle(Stream input)
    {
        var output = new MemoryStream();
        await input.CopyToAsync(output);
        output.Position = 0;
        return output;
    }
}

/// <summary>Fails with a named exception, as the product's handlers do.</summary>
public sealed class OverlapFunction
{
    public Task<Stream> Handle(Stream input) => throw new CidrOverlapException("10.0.0.0/16 overlaps 10.0.0.0/24.");
}

public sealed class CidrOverlapException(string message) : Exception(message);
