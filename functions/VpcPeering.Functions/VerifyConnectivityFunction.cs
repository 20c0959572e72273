using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Checks static reachability both ways for the requested ports.
/// Input: <c>{"request", "peering", "failOnUnreachable"?, "executionName"}</c>. Output: <c>{"reachable", "paths", "notes"}</c>.
/// </summary>
public sealed class VerifyConnectivityFunction(FunctionServices services) : StepFunction(services, "VerifyConnectivity")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public VerifyConnectivityFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.VerifyResult, new VerifyConnectivityStep(Services).RunAsync);
}
