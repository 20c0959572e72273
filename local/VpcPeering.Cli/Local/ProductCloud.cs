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

    private ProductCloud(ProjectLayout layout, string topologyPath)
    {
        Layout = layout;
        Assembly = CloudAssembly.Create(new CloudAssemblyOptions { LambdaActivator = new FunctionActivator(this) });
        Topology = TopologyLoader.LoadFile(Assembly.Cloud, Assembly.Ec2, topologyPath);
        _userClients = new AwsClients(new AwsClientOptions
        {
            HttpMessageHandler = Assembly.Cloud.CreateHttpMessageHandler,
            MaxErrorRetry = 0,
        });
    }

    public ProjectLayout Layout { get; }

    public CloudAssembly Assembly { get; }

    public TopologyResult Topology { get; }

    /// <summary>The functions' JSON log lines.</summary>
    public StringWriter FunctionLog { get; } = new();

    public static ProductCloud Create(ProjectLayout layout, string topologyPath) => new(layout, topologyPath);

    /// <summary>A topology name's id, or the argument itself when it already is an id.</summary>
    public string Resolve(string nameOrId) => Topology.Ids.TryGetValue(nameOrId, out var id) ? id : nameOrId;

    /// <summary>Deploys template.yaml as the `vpc-peering` stack into one account and region.</summary>
    public DeployedStack Deploy(string accountId, string region, IReadOnlyDictionary<string, string> parameters) =>
        Assembly.Deploy(Layout.Template, accountId, region, parameters: new Dictionary<string, string>(parameters, StringComparer.Ordinal));

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
