using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Creates (or reuses) the peering connection and removes a duplicate made by a concurrent execution.
/// Input: <c>{"request", "executionName"}</c>. Output: <c>the peering: {"peeringConnectionId", "status", "active", "created", "attempt", "requester", "accepter", "duplicatesDeleted"}</c>.
/// </summary>
public sealed class RequestPeeringFunction(FunctionServices services) : StepFunction(services, "RequestPeering")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public RequestPeeringFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.PeeringResult, new RequestPeeringStep(Services).RunAsync);
}
