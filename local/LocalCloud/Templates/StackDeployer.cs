using System.Runtime.CompilerServices;
using LocalCloud.Iam;
using LocalCloud.Lambda;

namespace LocalCloud.Templates;

/// <summary>
/// Deploys templates as named stacks into accounts and regions of one <see cref="EmulatedCloud"/>, like
/// <c>sam deploy</c>: IAM roles go into <see cref="EmulatedCloud.Iam"/>, other resources to the registered
/// provisioners. The same template can be deployed into several accounts; redeploying a stack updates it.
/// </summary>
public sealed class StackDeployer(EmulatedCloud cloud)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Account, string Region, string Name), DeployedStack> _stacks = [];
    private readonly List<IStackResourceProvisioner> _provisioners = [];

    /// <summary>Registers a service that provisions some resource types.</summary>
    public void AddProvisioner(IStackResourceProvisioner provisioner)
    {
        lock (_lock)
        {
            _provisioners.Add(provisioner);
        }
    }

    /// <summary>Registers the Step Functions service: it receives every deployed state machine.</summary>
    public void UseStateMachines(IStateMachineRegistry registry) => AddProvisioner(new StateMachineProvisioner(registry));

    /// <summary>Every deployed stack, ordered by account, region and name.</summary>
    public IReadOnlyList<DeployedStack> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _stacks.OrderBy(s => s.Key.Account, StringComparer.Ordinal).ThenBy(s => s.Key.Region, StringComparer.Ordinal)
                    .ThenBy(s => s.Key.Name, StringComparer.Ordinal).Select(s => s.Value)];
            }
        }
    }

    /// <summary>The stack, or null.</summary>
    public DeployedStack? Find(string accountId, string region, string stackName)
    {
        lock (_lock)
        {
            return _stacks.GetValueOrDefault((accountId, region, stackName));
        }
    }

    /// <summary>Loads, resolves and deploys a template file.</summary>
    public DeployedStack Deploy(string templatePath, StackDeployment deployment) => Deploy(CloudFormationTemplate.Load(templatePath), deployment);

    /// <summary>
    /// Resolves the template for the deployment and creates (or updates) the stack. Nothing is created when the template
    /// has errors: a <see cref="TemplateException"/> lists them all.
    /// </summary>
    public DeployedStack Deploy(CloudFormationTemplate template, StackDeployment deployment)
    {
        var identity = new StackIdentity(deployment.StackName, deployment.AccountId, deployment.Region);
        var resolved = template.Resolve(identity, deployment.EffectiveParameters());
        lock (_lock)
        {
            var key = (identity.AccountId, identity.Region, identity.StackName);
            if (_stacks.TryGetValue(key, out var previous))
            {
                var kept = resolved.Resources.Select(r => (r.LogicalId, r.Type)).ToHashSet();
                foreach (var dropped in previous.Resolved.Resources.Where(r => !kept.Contains((r.LogicalId, r.Type))).Reverse())
                {
                    Remove(identity, dropped);
                }
            }

            var summaries = resolved.Resources
                .Select(resource => new StackResourceSummary(resource.LogicalId, resource.Type, resource.PhysicalId, Provision(resolved, resource)))
                .ToList();
            var stack = new DeployedStack(resolved, summaries);
            _stacks[key] = stack;
            return stack;
        }
    }

    /// <summary>Deletes a stack and the resources its provisioners created; returns false when there is no such stack.</summary>
    public bool Delete(string accountId, string region, string stackName)
    {
        lock (_lock)
        {
            if (!_stacks.Remove((accountId, region, stackName), out var stack))
            {
                return false;
            }

            foreach (var resource in stack.Resolved.Resources.Reverse())
            {
                Remove(stack.Identity, resource);
            }

            return true;
        }
    }

    private bool Provision(ResolvedStack stack, StackResource resource)
    {
        switch (resource)
        {
            case RoleResource role:
                cloud.Iam.Put(new IamRole(stack.Identity.AccountId, role.RoleName, role.AssumeRolePolicyDocument, role.Policies, role.Path)
                {
                    MaxSessionDuration = role.MaxSessionDuration,
                });
                return true;
            case RolePolicyResource policy:
                PutRolePolicy(stack.Identity.AccountId, policy, keep: true);
                return true;
            case ManagedPolicyResource or LogGroupResource:
                // Managed policies live on in the roles they are attached to; log groups hold nothing locally.
                return true;
        }

        var provisioner = Provisioners().FirstOrDefault(p => p.Handles(resource));
        provisioner?.CreateOrUpdate(stack, resource);
        return provisioner is not null;
    }

    /// <summary>The registered provisioners, then the cloud's own Lambda and EventBridge services when they are registered.</summary>
    private IEnumerable<IStackResourceProvisioner> Provisioners()
    {
        foreach (var provisioner in _provisioners)
        {
            yield return provisioner;
        }

        if (cloud.Lambda() is { } lambda)
        {
            yield return new LambdaProvisioner(lambda);
        }

        if (cloud.EventBridge() is { } events)
        {
            yield return new EventBridgeProvisioner(events);
        }
    }

    private void Remove(StackIdentity stack, StackResource resource)
    {
        if (resource is RoleResource role)
        {
            // IamRoleStore has no Remove yet: an emptied role can neither be assumed nor do anything.
            cloud.Iam.Put(new IamRole(stack.AccountId, role.RoleName, """{"Version":"2012-10-17","Statement":[]}""", [], role.Path));
            return;
        }

        if (resource is RolePolicyResource policy)
        {
            PutRolePolicy(stack.AccountId, policy, keep: false);
            return;
        }

        Provisioners().FirstOrDefault(p => p.Handles(resource))?.Delete(stack, resource);
    }

    /// <summary>
    /// Puts (or, <paramref name="keep"/> false, removes) an <c>AWS::IAM::Policy</c> on its roles. It comes after the roles in
    /// dependency order, so a redeployed role (which starts from its own policies) gets it back.
    /// </summary>
    private void PutRolePolicy(string accountId, RolePolicyResource policy, bool keep)
    {
        foreach (var role in cloud.Iam.InAccount(accountId).Where(role => policy.RoleNames.Contains(role.RoleName)))
        {
            var others = role.Policies.Where(existing => existing.Name != policy.PolicyName);
            cloud.Iam.Put(role with { Policies = keep ? [.. others, new IamPolicy(policy.PolicyName, policy.Document)] : [.. others] });
        }
    }
}

/// <summary>Gives every <see cref="EmulatedCloud"/> its <see cref="StackDeployer"/>.</summary>
public static class CloudFormationExtensions
{
    private static readonly ConditionalWeakTable<EmulatedCloud, StackDeployer> Deployers = [];

    /// <summary>The cloud's stacks: deploy templates, describe stacks, read outputs.</summary>
    public static StackDeployer Stacks(this EmulatedCloud cloud) => Deployers.GetValue(cloud, c => new StackDeployer(c));
}
