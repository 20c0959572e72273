using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Accepter side: removes this account's configuration for a peering that its requester announced as failed or deleted,
/// once EC2 confirms the sender requested it and it is no longer live.
/// Input: <c>{"peeringConnectionId", "senderAccountId", "region"?, "executionName"}</c>. Output: <c>{"peeringConnectionIds", "removed", "notes"}</c>.
/// </summary>
public sealed class CleanUpEndedPeeringFunction(FunctionServices services) : StepFunction(services, "CleanUpEndedPeering")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public CleanUpEndedPeeringFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) =>
        Run(input, FunctionJsonContext.Default.CleanupResult, new CleanUpEndedPeeringStep(Services).RunAsync);
}
