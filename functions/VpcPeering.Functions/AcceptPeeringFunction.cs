using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Accepts the peering in the accepter's account and region (same account, the access role, or the accepter's own stack).
/// Input: <c>{"request", "peeringConnectionId", "executionName"}</c>. Output: <c>the peering</c>.
/// </summary>
public sealed class AcceptPeeringFunction(FunctionServices services) : StepFunction(services, "AcceptPeering")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public AcceptPeeringFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.PeeringResult, new AcceptPeeringStep(Services).RunAsync);
}
