using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Reports blocking NACL entries on one side and, with networkAcls update, adds the allow entries.
/// Input: <c>{"request", "peering", "side", "executionName"}</c>. Output: <c>{"side", "peeringConnectionId", "changed", "present", "findings"}</c>.
/// </summary>
public sealed class ConfigureNetworkAclsFunction(FunctionServices services) : StepFunction(services, "ConfigureNetworkAcls")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public ConfigureNetworkAclsFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.ConfigureResult, new ConfigureNetworkAclsStep(Services).RunAsync);
}
