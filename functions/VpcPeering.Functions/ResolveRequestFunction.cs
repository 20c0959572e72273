using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Turns the execution input (a peering request, a VPC tag change or a CloudTrail CIDR association) into the canonical request.
/// Input: <c>{"input": &lt;execution input&gt;, "executionName"}</c>. Output: <c>{"action": "peer|peer-each|teardown|ignore", "request"?,
/// "requests"?: [{"name", "peeringConnectionId", "request"}], "teardown"?: {"vpcId", "region"}, "reason"}</c>.
/// </summary>
public sealed class ResolveRequestFunction(FunctionServices services) : StepFunction(services, "ResolveRequest")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public ResolveRequestFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) =>
        FunctionPipeline.RunAsync(input, FunctionJsonContext.Default.ResolveInput, FunctionJsonContext.Default.ResolveResult, Services.Log,
            request => request.ExecutionName, new ResolveRequestStep(Services).RunAsync);
}
