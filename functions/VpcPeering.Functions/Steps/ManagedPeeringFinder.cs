using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Reconstruction;
using Filter = Amazon.EC2.Model.Filter;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Finds the active peerings the tool manages for a VPC in this account and region (as requester or accepter) and rebuilds
/// each one's request from what the tool created on the sides it can reach: its own account, and the accepter's through
/// the role the peering's tag names. Peering tags are per account, so a peering tagged here was requested from here.
/// </summary>
public sealed class ManagedPeeringFinder(StepServices services, InvocationLog log)
{
    private static readonly Filter Active = new("status-code", [PeeringStatus.Active]);

    public async Task<IReadOnlyList<RebuiltRequest>> RebuildAsync(Vpc vpc, IReadOnlyCollection<string> newBlocks)
    {
        var reader = new NetworkReader(services.Host.Clients.Ec2(vpc.Region), vpc.Region);
        // EC2 ANDs different filters, so "requester or accepter" takes one call each.
        var peerings = (await reader.FindPeeringsAsync(new Filter("requester-vpc-info.vpc-id", [vpc.VpcId]), Active))
            .Concat(await reader.FindPeeringsAsync(new Filter("accepter-vpc-info.vpc-id", [vpc.VpcId]), Active))
            .DistinctBy(peering => peering.PeeringConnectionId)
            .OrderBy(peering => peering.PeeringConnectionId, StringComparer.Ordinal);
        var rebuilt = new List<RebuiltRequest>();
        foreach (var peering in peerings)
        {
            var id = peering.PeeringConnectionId;
            if (!ManagedMarkers.IsManaged(peering.Tags))
            {
                rebuilt.Add(new RebuiltRequest(id, null, peering.Requester.AccountId == vpc.AccountId
                    ? $"{id}: not created by vpc-peering"
                    : $"{id}: requested from account {peering.Requester.AccountId}, whose stack does not see this block; "
                        + "run its request again there"));
                continue;
            }

            var request = PeeringRequestRebuilder.Rebuild(await FindManagedAsync(peering), newBlocks);
            log.Info("resolve.rebuilt", request.Reason, id);
            rebuilt.Add(request);
        }

        return rebuilt;
    }

    /// <summary>Each side's route tables, managed rules and NACL tag; both sides in one call per part when one client reaches both.</summary>
    private async Task<ManagedPeering> FindManagedAsync(PeeringConnection peering)
    {
        var id = peering.PeeringConnectionId;
        var role = peering.Tags.GetValueOrDefault(ManagedMarkers.AccepterRoleKey);
        var sides = new Dictionary<Side, ManagedSide>();
        foreach (var reach in new[] { Side.Requester, Side.Accepter }.GroupBy(side => (peering[side].AccountId, peering[side].Region)))
        {
            if (await services.Access.Ec2Async(peering[reach.First()], role) is not { } ec2)
            {
                continue; // event mode's accepter: its own stack configures that side
            }

            var reader = new NetworkReader(ec2, reach.Key.Region);
            var vpcs = await reader.DescribeAsync([.. reach.Select(side => PeeringViews.Outline(peering[side]).Vpc)],
                VpcParts.RouteTables | VpcParts.SecurityGroups);
            // The NACL tag names the peering, not the VPC: one look serves the sides this client reaches (the mode is request-wide).
            var nacls = (await reader.TaggedAsync("network-acl", ManagedMarkers.NetworkAclEntriesKey(id))).Values
                .Any(entries => ManagedMarkers.ParseEntries(entries).Count > 0);
            foreach (var (side, vpc) in reach.Zip(vpcs))
            {
                sides[side] = new ManagedSide(vpc.RouteTables, ManagedRules(vpc, id), nacls);
            }
        }

        return new ManagedPeering(peering, sides.GetValueOrDefault(Side.Requester), sides.GetValueOrDefault(Side.Accepter), role,
            peering.Tags.GetValueOrDefault(ManagedMarkers.RequestIdKey));
    }

    private static List<ManagedRule> ManagedRules(VpcSnapshot vpc, string peeringConnectionId) =>
        [.. vpc.SecurityGroups.SelectMany(group => group.Ingress
            .Where(rule => ManagedMarkers.IsManagedRule(rule.Description, peeringConnectionId))
            .Select(rule => new ManagedRule(group.GroupId, rule, ManagedMarkers.UserDescription(rule.Description!, peeringConnectionId))))];
}
