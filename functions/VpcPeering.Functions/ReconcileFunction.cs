using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Scheduled sweep of this account and region: reports incoming requests from allowed accounts still waiting for acceptance
/// and removes the routes, marked rules and listed NACL entries left by peerings that are gone.
/// Input: <c>{} (a scheduled event; "region"? optional)</c>. Output: <c>{"pending": [peering…], "swept", "removed", "reported"}</c>.
/// </summary>
public sealed class ReconcileFunction(FunctionServices services) : StepFunction(services, "Reconcile")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public ReconcileFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.ReconcileResult, new ReconcileStep(Services).RunAsync);
}
