using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Authorizes ingress from the peer on the requested ports on one side's selected groups.
/// Input: <c>{"request", "peering", "side", "executionName"}</c>. Output: <c>{"side", "peeringConnectionId", "changed", "present", "findings"}</c>.
/// </summary>
public sealed class ConfigureSecurityGroupsFunction(FunctionServices services) : StepFunction(services, "ConfigureSecurityGroups")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public ConfigureSecurityGroupsFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.ConfigureResult, new ConfigureSecurityGroupsStep(Services).RunAsync);
}
