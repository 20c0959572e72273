using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Accepter side: checks an incoming request against the allow-lists and rejects it when not allowed.
/// Input: <c>{"request", "peeringConnectionId", "executionName"}</c>. Output: <c>{"decision": "accept|reject", "peeringConnectionId", "error"?, "cause"?}</c>.
/// </summary>
public sealed class DecideIncomingFunction(FunctionServices services) : StepFunction(services, "DecideIncoming")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public DecideIncomingFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.DecisionResult, new DecideIncomingStep(Services).RunAsync);
}
