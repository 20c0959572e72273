using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Adds routes to the peer's blocks in one side's selected route tables.
/// Input: <c>{"request", "peering", "side", "executionName"}</c>. Output: <c>{"side", "peeringConnectionId", "changed", "present", "findings"}</c>.
/// </summary>
public sealed class ConfigureRoutesFunction(FunctionServices services) : StepFunction(services, "ConfigureRoutes")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public ConfigureRoutesFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.ConfigureResult, new ConfigureRoutesStep(Services).RunAsync);
}
