using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// One turn of the bounded wait loop.
/// Input: <c>{"request", "peeringConnectionId", "attempt", "maxAttempts", "afterTimeout"?, "side"?}</c>. Output: <c>the peering, with attempt + 1</c>.
/// </summary>
public sealed class DescribePeeringFunction(FunctionServices services) : StepFunction(services, "DescribePeering")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public DescribePeeringFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.PeeringResult, new DescribePeeringStep(Services).RunAsync);
}
