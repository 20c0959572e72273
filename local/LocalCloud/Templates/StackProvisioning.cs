namespace LocalCloud.Templates;

/// <summary>
/// A service that creates the resources of a deployed stack in its own model (Lambda functions, event buses and rules,
/// state machines). Register one per service with <see cref="StackDeployer.AddProvisioner"/>; resources no provisioner
/// handles stay in the stack description as resolved but not provisioned.
/// </summary>
public interface IStackResourceProvisioner
{
    /// <summary>True when this provisioner creates resources like this one.</summary>
    bool Handles(StackResource resource);

    /// <summary>Creates or replaces the resource (deployments are idempotent). <paramref name="stack"/> gives context such as aliases.</summary>
    void CreateOrUpdate(ResolvedStack stack, StackResource resource);

    /// <summary>Removes a resource an update dropped, or the stack's resources when it is deleted.</summary>
    void Delete(StackIdentity stack, StackResource resource);
}

/// <summary>What the Step Functions service implements to receive the state machines of deployed stacks.</summary>
public interface IStateMachineRegistry
{
    /// <summary>
    /// Creates or updates a state machine. Its <see cref="StateMachineResource.Definition"/> still contains <c>${…}</c>
    /// placeholders; apply <see cref="StateMachineResource.DefinitionSubstitutions"/> when loading the ASL.
    /// </summary>
    void CreateOrUpdate(StackIdentity stack, StateMachineResource stateMachine);

    /// <summary>Deletes a state machine the stack no longer declares.</summary>
    void Delete(StackIdentity stack, StateMachineResource stateMachine);
}

/// <summary>Adapts an <see cref="IStateMachineRegistry"/> to the provisioner contract.</summary>
internal sealed class StateMachineProvisioner(IStateMachineRegistry registry) : IStackResourceProvisioner
{
    public bool Handles(StackResource resource) => resource is StateMachineResource;

    public void CreateOrUpdate(ResolvedStack stack, StackResource resource) => registry.CreateOrUpdate(stack.Identity, (StateMachineResource)resource);

    public void Delete(StackIdentity stack, StackResource resource) => registry.Delete(stack, (StateMachineResource)resource);
}

/// <summary>One resource of a deployed stack, as DescribeStackResources lists it.</summary>
/// <param name="LogicalId">The logical id.</param>
/// <param name="Type">The CloudFormation type.</param>
/// <param name="PhysicalId">The physical id.</param>
/// <param name="Provisioned">False when no service of this cloud created it yet (only its resolved description exists).</param>
public sealed record StackResourceSummary(string LogicalId, string Type, string PhysicalId, bool Provisioned);

/// <summary>A stack deployed into one account and region of the cloud.</summary>
/// <param name="Resolved">The resolved template: resources with every property, outputs, parameters.</param>
/// <param name="Resources">The resources with their physical ids and whether a service created them.</param>
public sealed record DeployedStack(ResolvedStack Resolved, IReadOnlyList<StackResourceSummary> Resources)
{
    /// <summary>Stack name, account and region.</summary>
    public StackIdentity Identity => Resolved.Identity;

    /// <summary>Output name → value.</summary>
    public IReadOnlyDictionary<string, string> Outputs => Resolved.Outputs;

    /// <summary>The physical id of a resource, or null.</summary>
    public string? PhysicalId(string logicalId) => Resources.FirstOrDefault(r => r.LogicalId == logicalId)?.PhysicalId;
}

/// <summary>Where a deployment goes and with which parameters.</summary>
/// <param name="StackName">The stack name.</param>
/// <param name="AccountId">The 12-digit account.</param>
/// <param name="Region">The region.</param>
public sealed record StackDeployment(string StackName, string AccountId, string Region)
{
    /// <summary>A samconfig.toml whose <see cref="ConfigEnvironment"/> parameter_overrides apply first, or null.</summary>
    public SamConfig? SamConfig { get; init; }

    /// <summary>The samconfig environment (<c>default</c>, <c>requester</c>, …).</summary>
    public string ConfigEnvironment { get; init; } = "default";

    /// <summary>Explicit parameter values; they win over samconfig's.</summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The values the template sees: samconfig's overrides, then the explicit ones.</summary>
    public IReadOnlyDictionary<string, string> EffectiveParameters()
    {
        var values = new Dictionary<string, string>(SamConfig?.ParameterOverrides(ConfigEnvironment) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (key, value) in ParameterOverrides)
        {
            values[key] = value;
        }

        return values;
    }
}
