using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Sets one side's DNS resolution option on the peering.
/// Input: <c>{"request", "peering", "side", "executionName"}</c>. Output: <c>{"side", "peeringConnectionId", "changed", "present", "findings"}</c>.
/// </summary>
public sealed class ConfigureDnsFunction(FunctionServices services) : StepFunction(services, "ConfigureDns")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public ConfigureDnsFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.ConfigureResult, new ConfigureDnsStep(Services).RunAsync);
}
