using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Removes the managed configuration on both sides within reach, then deletes the peering.
/// Input: <c>{"request"} | {"peeringConnectionId", "region"?} | {"vpcId", "region"}</c>. Output: <c>{"peeringConnectionIds", "removed", "notes"}</c>.
/// </summary>
public sealed class TeardownFunction(FunctionServices services) : StepFunction(services, "Teardown")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public TeardownFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.CleanupResult, new TeardownStep(Services).RunAsync);
}
