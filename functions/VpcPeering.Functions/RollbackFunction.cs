using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Steps;

namespace VpcPeering.Functions;

/// <summary>
/// Undoes what the failed execution created, found by tags and rule descriptions.
/// Input: <c>{"request", "executionName", "error"?: {"Error", "Cause"}, "peeringConnectionId"?}</c>. Output: <c>{"peeringConnectionIds", "removed", "notes", "error"}</c>.
/// </summary>
public sealed class RollbackFunction(FunctionServices services) : StepFunction(services, "Rollback")
{
    /// <summary>The Lambda runtime's constructor: clients from the standard SDK configuration, once per container.</summary>
    public RollbackFunction()
        : this(FunctionServices.FromEnvironment())
    {
    }

    public Task<Stream> Handle(Stream input) => Run(input, FunctionJsonContext.Default.CleanupResult, new RollbackStep(Services).RunAsync);
}
