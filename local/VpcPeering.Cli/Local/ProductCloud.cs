using Amazon.EC2;
using Amazon.Runtime;
using LocalCloud;
using LocalCloud.Lambda;
using LocalCloud.Templates;
using LocalCloud.Topology;
using VpcPeering.Cli.Workspace;
using VpcPeering.Functions.Hosting;

namespace VpcPeering.Cli.Local;

/// <summary>
/// The product running in the embedded cloud: a topology seeded, template.yaml deployed per account, and the real
/// handlers built with in-process AWS clients that act as each function's execution role.
/// </summary>
internal sealed class ProductCloud : IDisposable
{
    private readonly AwsClients _userClients;
    private readonly Dictionary<string, AWSCredentials> _rootCredentials = new(StringComparer.Ordinal);

    private ProductCloud(ProjectLayout layout, string? topologyPath, ProductCloudOptions options)
    {
        Layout = layout;
        TemplatePath = options.TemplatePath ?? layout.Template;
        var assembly = new CloudAssemblyOptions { LambdaActivator = new FunctionActivator(this), Logger = options.Logger };
        Assembly = CloudAssembly.Create(options.Start is { } start ? assembly with { Start = start } : assembly);
        Topology = topologyPath is null ? new TopologyResult() : TopologyLoader.LoadFile(Assembly.Cloud, Assembly.Ec2, topologyPath);
        _userClients = new AwsClients(new AwsClientOptions
        {
            HttpMessageHandler = Assembly.Cloud.CreateHttpMessageHandler,
            MaxErrorRetry = 0,
        });
    }

    public ProjectLayout Layout { get; }

    /// <summary>The template <see cref="Deploy"/> deploys: the layout's template.yaml unless the options named another file.</summary>
    public string TemplatePath { get; }

    public CloudAssembly Assembly { get; }

    public TopologyResult Topology { get; }

    /// <summary>The functions' JSON log lines.</summary>
    public StringWriter FunctionLog { get; } = new();

    public static ProductCloud Create(ProjectLayout layout, string topologyPath) => new(layout, topologyPath, new ProductCloudOptions());

    /// <summary>A cloud with no topology seeded (seed it through <see cref="Assembly"/>); <see cref="Topology"/> stays empty.</summary>
    public static ProductCloud Create(ProjectLayout layout, ProductCloudOptions options) => new(layout, null, options);

    /// <summary>A topology name's id, or the argument itself when it already is an id.</summary>
    public string Resolve(string nameOrId) => Topology.Ids.TryGetValue(nameOrId, out var id) ? id : nameOrId;

    /// <summary>Deploys the template as the `vpc-peering` stack into one account and region.</summary>
    public DeployedStack Deploy(string accountId, string region, IReadOnlyDictionary<string, string> parameters) =>
        Assembly.Deploy(TemplatePath, accountId, region, parameters: new Dictionary<string, string>(parameters, StringComparer.Ordinal));

    /// <summary>An EC2 client acting as the account's root user, as a person at a terminal would.</summary>
    public IAmazonEC2 Ec2(string accountId, string region)
    {
        if (!_rootCredentials.TryGetValue(accountId, out var credentials))
        {
            _rootCredentials[accountId] = credentials = new BasicAWSCredentials(accountId, "test");
        }

        return _userClients.Ec2(region, credentials);
    }

    public void Dispose() => _userClients.Dispose();

    private sealed class FunctionActivator(ProductCloud owner) : ILambdaHandlerActivator
    {
        public object CreateInstance(Type handlerType, LambdaFunctionConfiguration function, LambdaInvocationEnvironment environment)
        {
            var services = FunctionServices.InProcess(environment.CreateHttpMessageHandler,
                new SessionCredentials(environment.RefreshCredentials), environment.Variables, owner.Assembly.Clock, owner.FunctionLog);
            return Activator.CreateInstance(handlerType, services)
                ?? throw new InvalidOperationException($"Could not create {handlerType.FullName}.");
        }
    }

    /// <summary>The function's role session, renewed by the Lambda service before it expires on the virtual clock.</summary>
    private sealed class SessionCredentials(Func<LambdaCredentials> refresh) : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials()
        {
            var current = refresh();
            return new ImmutableCredentials(current.AccessKeyId, current.SecretAccessKey, current.SessionToken);
        }
    }
}

/// <summary>How <see cref="ProductCloud.Create(ProjectLayout, ProductCloudOptions)"/> builds the cloud.</summary>
internal sealed record ProductCloudOptions
{
    /// <summary>The template to deploy; the layout's template.yaml when null.</summary>
    public string? TemplatePath { get; init; }

    /// <summary>The virtual clock's start time; <see cref="CloudAssemblyOptions.Start"/> when null.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Where the emulator reports its own failures (<c>serve</c> logs them to stderr); silent when null.</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }
}
