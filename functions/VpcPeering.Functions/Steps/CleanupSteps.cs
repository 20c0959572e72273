using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Requests;
using Filter = Amazon.EC2.Model.Filter;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Undoes a failed execution: the peering this execution created (found by its execution tag) and everything
/// managed for it on the sides within reach. A reused peering stays. With <c>peeringConnectionId</c> (the accepter's
/// stack) it removes only this side's configuration for that peering.
/// </summary>
public sealed class RollbackStep(StepServices services)
{
    public async Task<CleanupResult> RunAsync(StepInput input, InvocationLog log)
    {
        var request = CanonicalRequest.Read(input.Request);
        var own = await services.OwnSideAsync(request);
        var client = await services.SideAsync(request, own, log);
        var (removed, notes, ids) = (new List<string>(), new List<string>(), new List<string>());
        var cleaner = new PeeringCleaner(log);
        var peerings = input.PeeringConnectionId is { } given
            ? new[] { await client.Reader.DescribePeeringAsync(given) }.OfType<PeeringConnection>()
            : (await client.Reader.FindPeeringsAsync(PeeringViews.PairFilters(request.Requester.VpcId, request.Accepter.VpcId)))
                .Where(peering => ManagedMarkers.CreatedBy(peering, input.ExecutionName));
        foreach (var peering in peerings)
        {
            ids.Add(peering.PeeringConnectionId);
            var created = ManagedMarkers.CreatedBy(peering, input.ExecutionName);
            await cleaner.CleanAsync(peering, side => ReachAsync(request, side, log), deletePeering: created, removed, notes);
        }

        if (ids.Count == 0)
        {
            notes.Add("this execution created no peering connection; a reused one is left as it was");
        }

        log.Info("rollback.done", $"removed {removed.Count} item(s) after {input.Error?.Error ?? "a failure"}", ids.FirstOrDefault());
        return new CleanupResult(ids, removed, notes, input.Error);
    }

    private async Task<SideClient?> ReachAsync(PeeringRequest request, Side side, InvocationLog log) =>
        await services.Access.ModeAsync(request, side) == AccessMode.None ? null : await services.SideAsync(request, side, log);
}

/// <summary>
/// Unpeers: removes the managed routes, rules and NACL entries on both sides within reach, then deletes the peering.
/// Input: a canonical request (that pair), a <c>peeringConnectionId</c>, or a <c>vpcId</c> + <c>region</c> (every managed
/// peering that VPC requested).
/// </summary>
public sealed class TeardownStep(StepServices services)
{
    public async Task<CleanupResult> RunAsync(StepInput input, InvocationLog log)
    {
        var (removed, notes) = (new List<string>(), new List<string>());
        var cleaner = new PeeringCleaner(log);
        var request = input.Request is not null ? CanonicalRequest.Read(input.Request) : null;
        var region = request?.Requester.Region ?? input.Region ?? services.Configuration.Region;
        var reader = new NetworkReader(services.Host.Clients.Ec2(region), region);
        IEnumerable<PeeringConnection> peerings = (request, input.PeeringConnectionId, input.VpcId) switch
        {
            ({ } pair, _, _) => await reader.FindPeeringsAsync(PeeringViews.PairFilters(pair.Requester.VpcId, pair.Accepter.VpcId)),
            (_, { } id, _) => [await reader.DescribePeeringAsync(id) ?? throw new PeeringNotFound($"{id} does not exist in {region}; nothing to tear down.")],
            (_, _, { } vpcId) => (await reader.FindPeeringsAsync(new Filter("requester-vpc-info.vpc-id", [vpcId])))
                .Where(peering => ManagedMarkers.IsManaged(peering.Tags)),
            _ => throw new InvalidPeeringRequest("Teardown needs a request, a \"peeringConnectionId\", or a \"vpcId\" and \"region\"."),
        };

        var (ids, notices) = (new List<string>(), new List<AccepterNotice>());
        foreach (var peering in peerings.Where(PeeringViews.IsLive))
        {
            ids.Add(peering.PeeringConnectionId);
            var role = request?.Accepter.RoleArn ?? peering.Tags.GetValueOrDefault(ManagedMarkers.AccepterRoleKey);
            var cleanup = await cleaner.CleanAsync(peering, side => ReachAsync(peering[side], role, log), deletePeering: true, removed, notes);
            if (cleanup.Deleted && cleanup.OutOfReach.Contains(Side.Accepter))
            {
                // Event mode: only the accepter's own stack can remove its routes (now blackhole), rules and NACL entries.
                notices.Add(new AccepterNotice(peering.PeeringConnectionId, VpcLocation.Of(peering.Requester), VpcLocation.Of(peering.Accepter)));
            }
        }

        log.Info("teardown.done", $"tore down {ids.Count} peering(s), removed {removed.Count} item(s)", ids.FirstOrDefault());
        return new CleanupResult(ids, removed, notes, null) { AccepterNotices = notices };
    }

    private async Task<SideClient?> ReachAsync(PeeringVpcInfo info, string? role, InvocationLog log) =>
        await services.Access.Ec2Async(info, role) is { } ec2 ? new SideClient(default, new NetworkReader(ec2, info.Region), new Ec2Operations(ec2, log)) : null;
}
