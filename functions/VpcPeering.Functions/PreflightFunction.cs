using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Describes both VPCs, finds a peering to reuse and plans; fails before anything is created when the peering cannot work.
/// Input: <c>{"request", "executionName"}</c>. Output: <c>{"acceptMode": "same-account|role|event", "peeringConnectionId"?, "existingStatus"?, "dryRun", "canApply", "rendered", "plan"}</c>.
/// </summary>
public sealed class PreflightFunction(FunctionServices services) : StepFunction(services, "Preflight")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public PreflightFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.PreflightResult, new PreflightStep(Services).RunAsync);
}
