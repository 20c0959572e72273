using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Reachability;
using VpcPeering.Requests;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Static reachability for every granted port, from every peer subnet to every subnet of the granted side: routes
/// (main-table fallback), security groups and NACLs both ways. A report; <c>Unreachable</c> when asked to fail.
/// </summary>
public sealed class VerifyConnectivityStep(StepServices services)
{
    private const int MaxReportedPaths = 50;

    public async Task<VerifyResult> RunAsync(StepInput input, InvocationLog log)
    {
        var request = CanonicalRequest.Read(input.Request);
        var id = input.Peering?.PeeringConnectionId ?? input.PeeringConnectionId;
        var notes = new List<string>();
        if (await services.Access.ModeAsync(request, Side.Accepter) == AccessMode.None
            || await services.Access.ModeAsync(request, Side.Requester) == AccessMode.None)
        {
            notes.Add("one side is in an account this function cannot read (event mode); each stack verifies only what it configured");
            return new VerifyResult(true, [], notes);
        }

        var peering = input.Peering is { } known ? PeeringViews.ToDomain(known) : null;
        // What reachability needs; the VPCs' blocks come from the peering when known (no DescribeVpcs).
        var (requester, accepter) = await services.DescribeBothAsync(request,
            VpcParts.Subnets | VpcParts.RouteTables | VpcParts.SecurityGroups | VpcParts.NetworkAcls, log, peering);
        var snapshot = new NetworkSnapshot(requester, accepter, peering);
        var analyzer = new ReachabilityAnalyzer(snapshot);
        var paths = new List<PathResult>();
        foreach (var grant in request.SecurityGroups)
        {
            var destination = snapshot[grant.Side];
            var source = snapshot[grant.Side.Peer()];
            var groups = SelectedGroups(destination, grant.Groups);
            var sourceGroups = DefaultGroup(source);
            foreach (var traffic in grant.Ports)
            {
                foreach (var from in source.Subnets.Where(subnet => subnet.Ipv4Cidr is not null))
                {
                    foreach (var to in destination.Subnets.Where(subnet => subnet.Ipv4Cidr is not null))
                    {
                        var verdict = analyzer.Check(new Endpoint(from.SubnetId, sourceGroups), new Endpoint(to.SubnetId, groups), traffic);
                        paths.Add(new PathResult(from.SubnetId, to.SubnetId, traffic.ToString(), verdict.IsReachable, verdict.Explanation));
                    }
                }
            }
        }

        var reachable = paths.All(path => path.Reachable);
        log.Info("verify.done", $"{paths.Count(path => path.Reachable)} of {paths.Count} paths reachable", id);
        if (!reachable && input.FailOnUnreachable)
        {
            var blocked = paths.Where(path => !path.Reachable).Take(5).Select(path => $"{path.From} -> {path.To} {path.Traffic}: {path.Explanation}");
            throw new Unreachable($"Traffic cannot flow on {paths.Count(path => !path.Reachable)} path(s): {string.Join("; ", blocked)}. " +
                "Fix the named hop (or use \"networkAcls\": \"update\"), then run again.");
        }

        var reported = reachable ? paths.Take(MaxReportedPaths) : paths.Where(path => !path.Reachable).Take(MaxReportedPaths);
        return new VerifyResult(reachable, [.. reported], notes);
    }

    private static List<string> SelectedGroups(VpcSnapshot vpc, SecurityGroupSelection selection) => selection switch
    {
        SecurityGroupSelection.ByIds ids => [.. ids.GroupIds],
        SecurityGroupSelection.ByTags tags => [.. vpc.SecurityGroups
            .Where(group => tags.Tags.All(tag => group.Tags.TryGetValue(tag.Key, out var value) && (tag.Value.Length == 0 || value == tag.Value)))
            .Select(group => group.GroupId)],
        _ => DefaultGroup(vpc),
    };

    /// <summary>Senders are assumed to use the VPC's default group (its egress allows everything unless changed).</summary>
    private static List<string> DefaultGroup(VpcSnapshot vpc) =>
        [.. vpc.SecurityGroups.Where(group => group.GroupName == "default").Select(group => group.GroupId)];
}
