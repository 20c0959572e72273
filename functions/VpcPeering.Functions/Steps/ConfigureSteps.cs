using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Hosting;
using VpcPeering.Planning;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Routes to every routed peer block in the side's selected tables. Conflicts are checked before anything is
/// created and are never replaced.
/// </summary>
public sealed class ConfigureRoutesStep(StepServices services)
{
    public async Task<ConfigureResult> RunAsync(StepInput input, InvocationLog log)
    {
        var side = await SidePlan.CreateAsync(services, input, VpcParts.RouteTables, log);
        var routes = side.Plan.Routes.Where(route => route.Side == side.Side).ToList();
        if (routes.FirstOrDefault(route => route.Kind == ChangeKind.Conflict) is { } conflict)
        {
            throw Ec2Operations.RouteConflicts(conflict.RouteTableId, conflict.DestinationCidr, conflict.ExistingTarget?.Id ?? "another target",
                side.PeeringConnectionId);
        }

        var changed = new List<string>();
        foreach (var route in routes.Where(route => route.Kind == ChangeKind.Add))
        {
            if (await side.Client.Operations.CreateRouteAsync(route.RouteTableId, route.DestinationCidr, side.PeeringConnectionId))
            {
                changed.Add($"{route.RouteTableId} {route.DestinationCidr} -> {side.PeeringConnectionId}");
            }
        }

        return side.Result(changed, routes.Count - changed.Count);
    }
}

/// <summary>Ingress from the peer on the requested ports, one authorize call per group; each rule's description carries the marker.</summary>
public sealed class ConfigureSecurityGroupsStep(StepServices services)
{
    public async Task<ConfigureResult> RunAsync(StepInput input, InvocationLog log)
    {
        var side = await SidePlan.CreateAsync(services, input, VpcParts.SecurityGroups, log);
        var rules = side.Plan.SecurityGroupRules.Where(rule => rule.Side == side.Side).ToList();
        var changed = new List<string>();
        foreach (var group in rules.Where(rule => rule.Kind == ChangeKind.Add).GroupBy(rule => rule.GroupId))
        {
            var marked = group
                .Select(change => change.Rule with { Description = ManagedMarkers.RuleDescription(change.Rule.Description, side.PeeringConnectionId) })
                .ToList();
            if (await side.Client.Operations.AuthorizeIngressAsync(group.Key, marked, side.PeeringConnectionId) > 0)
            {
                changed.AddRange(marked.Select(rule => $"{group.Key} {Ec2Operations.Describe(rule)}"));
            }
        }

        return side.Result(changed, rules.Count - changed.Count);
    }
}

/// <summary>
/// Reports NACL entries that block the traffic or its replies; with <c>"networkAcls": "update"</c> adds the allow
/// entries and lists them in a tag on the NACL so that rollback and teardown find them.
/// </summary>
public sealed class ConfigureNetworkAclsStep(StepServices services)
{
    public async Task<ConfigureResult> RunAsync(StepInput input, InvocationLog log)
    {
        var side = await SidePlan.CreateAsync(services, input, VpcParts.Subnets | VpcParts.RouteTables | VpcParts.NetworkAcls, log);
        var findings = side.Plan.NetworkAclFindings.Where(finding => finding.Side == side.Side)
            .Select(finding => $"{finding.NetworkAclId} {(finding.Egress ? "egress" : "ingress")} {finding.Protocol} {finding.Ports} " +
                $"{finding.RemoteCidr}{(finding.IsReturnPath ? " (replies)" : "")} blocked by rule {finding.BlockingRule}")
            .ToList();
        var changed = new List<string>();
        foreach (var acl in side.Plan.NetworkAclEntries.Where(entry => entry.Side == side.Side).GroupBy(entry => entry.NetworkAclId))
        {
            var key = ManagedMarkers.NetworkAclEntriesKey(side.PeeringConnectionId);
            var recorded = ManagedMarkers.ParseEntries(await side.Client.Reader.TagValueAsync(acl.Key, key)).ToList();
            foreach (var change in acl)
            {
                // Recorded before the entry exists, so an interrupted step never leaves an entry nobody can find.
                recorded.Add((change.Entry.RuleNumber, change.Entry.Egress));
                await side.Client.Operations.TagAsync(acl.Key, key, ManagedMarkers.FormatEntries(recorded));
                await side.Client.Operations.CreateNetworkAclEntryAsync(acl.Key, change.Entry, side.PeeringConnectionId);
                changed.Add($"{acl.Key} {(change.Entry.Egress ? "egress" : "ingress")} #{change.Entry.RuleNumber} {change.Entry.Protocol} " +
                    $"{change.Entry.Cidr}");
            }
        }

        return side.Result(changed, 0, findings);
    }
}

/// <summary>Sets the side's own DNS resolution option, as its owner and in its region.</summary>
public sealed class ConfigureDnsStep(StepServices services)
{
    public async Task<ConfigureResult> RunAsync(StepInput input, InvocationLog log)
    {
        var side = await SidePlan.CreateAsync(services, input, VpcParts.None, log);
        var changed = new List<string>();
        foreach (var dns in side.Plan.Dns.Where(change => change.Side == side.Side))
        {
            await side.Client.Operations.SetDnsResolutionAsync(side.PeeringConnectionId, dns.Side, dns.AllowDnsResolutionFromRemoteVpc);
            changed.Add($"{side.PeeringConnectionId} {dns.Side.ToString().ToLowerInvariant()} AllowDnsResolutionFromRemoteVpc={dns.AllowDnsResolutionFromRemoteVpc}");
        }

        return side.Result(changed, 0);
    }
}
