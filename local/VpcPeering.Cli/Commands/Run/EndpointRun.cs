using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using LocalCloud.Templates;
using Spectre.Console;
using StatesLanguage;
using StatesLanguage.Runtime;
using StatesLanguage.Tasks;
using VpcPeering.Cli.Output;
using VpcPeering.Cli.Workspace;
using VpcPeering.Functions.Hosting;

namespace VpcPeering.Cli.Commands.Run;

/// <summary>
/// `vpc-peering run --endpoint-url URL`: the Peering state machine on the in-process ASL runtime, its Lambda tasks served by
/// the product's handlers, every AWS call sent to an EC2-compatible endpoint with the SDK's default credentials.
/// </summary>
internal static class EndpointRun
{
    private const string FallbackAccount = "000000000000";

    private static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(
        IAnsiConsole console, ProjectLayout layout, RunSettings settings, string endpoint, bool dryRun, CancellationToken cancellationToken)
    {
        var text = File.ReadAllText(settings.Input);
        JsonObject request;
        try
        {
            request = JsonNode.Parse(text) as JsonObject
                ?? throw new CliException($"{settings.Input} is not a JSON object.", "Pass a peering request (schemas/peering-request.schema.json).");
        }
        catch (JsonException error)
        {
            throw new CliException($"{settings.Input} is not valid JSON: {error.Message}", "Pass a peering request (schemas/peering-request.schema.json).");
        }

        if (dryRun)
        {
            request["dryRun"] = true;
        }

        var region = request["requester"]?["region"]?.GetValue<string>() is { Length: > 0 } r ? r : "us-east-1";
        var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
        var account = request["requester"]?["accountId"]?.GetValue<string>() is { Length: > 0 } a
            ? a
            : await CallerAccountAsync(credentials, endpoint, region, cancellationToken);

        var stack = CloudFormationTemplate.Load(layout.Template).Resolve(new StackIdentity("vpc-peering", account, region));
        var machine = stack.OfType<StateMachineResource>().FirstOrDefault(m => m.LogicalId == "PeeringStateMachine")
            ?? throw new CliException("template.yaml has no PeeringStateMachine.", "Run `vpc-peering validate` to check the template.");
        var definition = StateMachineDefinition.Load(machine.Definition, machine.DefinitionSubstitutions);

        var engine = new StateMachineEngine(new StateMachineEngineOptions { Time = TimeProvider.System, Region = region, AccountId = account });
        using var clients = new AwsClients(new AwsClientOptions
        {
            Credentials = credentials,
            ServiceUrl = endpoint,
            HttpMessageHandler = () => new HttpClientHandler(),
        });
        foreach (var function in stack.OfType<FunctionResource>())
        {
            var handler = FunctionHandler(function, clients, region);
            engine.Handlers.RegisterFunction(function.Arn, handler);
        }

        foreach (var pattern in new[] { "arn:aws:states:::events:putEvents*", "arn:aws:states:::states:startExecution*" })
        {
            engine.Handlers.RegisterPattern(pattern, (invocation, _) => Task.FromException<JsonNode?>(new StatesErrorException(
                "EndpointMode.Unsupported",
                $"{invocation.BaseResource} is not available with --endpoint-url: event mode and teardown need the deployed stack "
                + "or the embedded cloud. Use role mode (accepter.roleArn) or a same-account request.")));
        }

        var wall = Stopwatch.StartNew();
        var execution = engine.StartExecution(definition, request, new ExecutionStartOptions { StateMachineArn = machine.Arn });
        var printed = 0;
        var quiet = settings.Json;
        void Flush()
        {
            var history = execution.GetHistory();
            foreach (var entry in history.Skip(printed))
            {
                if (!quiet && HistoryEventText.Describe(entry) is { } line)
                {
                    var at = entry.Timestamp - execution.StartDate;
                    console.MarkupLineInterpolated($"[grey]{at:hh\\:mm\\:ss} {wall.ElapsedMilliseconds,6} ms[/]  [blue]{account}/Peering[/] {line}");
                }
            }

            printed = history.Count;
        }

        while (!execution.Completion.IsCompleted)
        {
            Flush();
            await Task.WhenAny(execution.Completion, Task.Delay(50, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }

        var result = await execution.Completion;
        Flush();
        var path = new JsonArray([.. execution.GetHistory()
            .Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => (JsonNode?)JsonValue.Create(e.Details?["name"]?.GetValue<string>()))]);
        if (settings.Json)
        {
            JsonOutput.Write(console, new JsonObject
            {
                ["status"] = result.Status.ToString().ToUpperInvariant(),
                ["error"] = result.Error,
                ["cause"] = result.Cause,
                ["output"] = result.Output?.DeepClone(),
                ["path"] = path,
            });
        }
        else
        {
            console.MarkupLineInterpolated($"Status: [bold]{result.Status.ToString().ToUpperInvariant()}[/]");
            if (result.Error is not null)
            {
                console.MarkupLineInterpolated($"Error: [red]{result.Error}[/]");
                console.MarkupLineInterpolated($"Cause: {result.Cause ?? string.Empty}");
            }

            console.WriteLine(result.Output?.ToJsonString(Readable) ?? "null");
        }

        return result.Status == ExecutionStatus.Succeeded ? 0 : 1;
    }

    private static async Task<string> CallerAccountAsync(AWSCredentials credentials, string endpoint, string region, CancellationToken cancellationToken)
    {
        try
        {
            var config = new AmazonSecurityTokenServiceConfig { ServiceURL = endpoint, AuthenticationRegion = region };
            using var sts = new AmazonSecurityTokenServiceClient(credentials, config);
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            return identity.Account is { Length: > 0 } account ? account : FallbackAccount;
        }
        catch (Exception error) when (error is AmazonServiceException or HttpRequestException or AmazonClientException)
        {
            return FallbackAccount;
        }
    }

    private static Func<TaskInvocation, CancellationToken, Task<JsonNode?>> FunctionHandler(FunctionResource function, AwsClients clients, string region)
    {
        var parts = function.Handler.Split("::");
        var type = parts.Length == 3 ? typeof(StepFunction).Assembly.GetType(parts[1]) : null;
        var method = type?.GetMethod(parts[2], BindingFlags.Public | BindingFlags.Instance, [typeof(Stream)]);
        var configuration = new Dictionary<string, string>(function.Environment, StringComparer.Ordinal) { ["AWS_REGION"] = region };
        var services = new FunctionServices(clients, configuration, TimeProvider.System, TextWriter.Null);
        object? instance = null;
        return async (invocation, _) =>
        {
            if (type is null || method is null)
            {
                throw new StatesErrorException("Lambda.ResourceNotFoundException", $"Handler {function.Handler} is not in VpcPeering.Functions.");
            }

            instance ??= Activator.CreateInstance(type, services);
            var payload = new MemoryStream(Encoding.UTF8.GetBytes(invocation.Input?.ToJsonString() ?? "null"));
            Stream output;
            try
            {
                output = await (Task<Stream>)method.Invoke(instance, [payload])!;
            }
            catch (TargetInvocationException error) when (error.InnerException is { } inner)
            {
                throw Named(inner);
            }
            catch (Exception error) when (error is not StatesErrorException)
            {
                throw Named(error);
            }

            using var reader = new StreamReader(output);
            var json = await reader.ReadToEndAsync(CancellationToken.None);
            return json.Length == 0 ? null : JsonNode.Parse(json);
        };
    }

    private static StatesErrorException Named(Exception error) => new(
        error.GetType().Name,
        new JsonObject { ["errorType"] = error.GetType().Name, ["errorMessage"] = error.Message }.ToJsonString(),
        error);
}
