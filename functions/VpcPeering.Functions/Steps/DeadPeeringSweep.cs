using System.Net;
using VpcPeering.Cidrs;
using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using Filter = Amazon.EC2.Model.Filter;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Garbage collection in one account and region: what the tool added for peering connections that are gone (deleted,
/// deleting, failed, rejected, expired, or no longer described at all). A deleted peering leaves its routes behind as
/// blackholes (Amazon VPC Peering Guide, "VPC peering connection lifecycle"), and its rules and NACL entries keep
/// admitting addresses that may belong to someone else later. Artifacts of live peerings are never touched.
/// </summary>
public sealed class DeadPeeringSweep(NetworkReader reader, Ec2Operations operations, InvocationLog log)
{
    private const int FilterValues = 100;

    public async Task<SweepResult> RunAsync(string ownAccount, string region)
    {
        var (swept, removed, reported) = (new List<string>(), new List<string>(), new List<string>());
        var found = await reader.DescribeRegionAsync(VpcParts.RouteTables | VpcParts.SecurityGroups);
        var aclTags = (await reader.TagsWithKeyPrefixAsync("network-acl", ManagedMarkers.NetworkAclEntriesPrefix))
            .Select(tag => (Peering: ManagedMarkers.PeeringOfNetworkAclEntriesKey(tag.Key), Acl: tag.ResourceId, tag.Value))
            .Where(tag => tag.Peering is not null)
            .ToList();
        var referenced = Routes(found, id: null).Select(route => route.Route.Target.Id)
            .Concat(MarkedRules(found, id: null).Select(rule => ManagedMarkers.PeeringOfRule(rule.Description)!))
            .Concat(aclTags.Select(tag => tag.Peering!))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (referenced.Count == 0)
        {
            return new SweepResult(swept, removed, reported);
        }

        // By filter, not by id: an id EC2 no longer knows is left out instead of failing the whole call. A filter takes a
        // bounded number of values, so large accounts are described in slices.
        var described = new Dictionary<string, PeeringConnection>(StringComparer.Ordinal);
        foreach (var slice in referenced.Chunk(FilterValues))
        {
            foreach (var peering in await reader.FindPeeringsAsync(new Filter("vpc-peering-connection-id", [.. slice])))
            {
                described[peering.PeeringConnectionId] = peering;
            }
        }

        var dead = referenced.Where(id => !described.TryGetValue(id, out var peering) || !PeeringViews.IsLive(peering)).ToList();
        var acls = aclTags.Any(tag => dead.Contains(tag.Peering!))
            ? (await reader.DescribeRegionAsync(VpcParts.NetworkAcls)).NetworkAcls
            : [];
        foreach (var id in dead)
        {
            var peering = described.GetValueOrDefault(id);
            var status = peering?.StatusCode ?? "not found";
            var routes = Routes(found, id).ToList();
            var marked = MarkedRules(found, id).ToList();
            var listed = aclTags.Where(tag => tag.Peering == id).ToDictionary(tag => tag.Acl, tag => tag.Value, StringComparer.Ordinal);
            var managed = (peering is not null && ManagedMarkers.IsManaged(peering.Tags)) || marked.Count > 0 || listed.Count > 0;
            if (!managed)
            {
                // Routes carry no marker of their own, so the tool deletes only routes to a peering it can tell it managed
                // here (its managed-by tag, or its marked rules or NACL tag in this account). Anything else belongs to
                // someone else — a runbook about to point it at a new peering with ReplaceRoute, a deliberate blackhole —
                // so it is reported for its owner, never removed.
                reported.AddRange(routes.Select(route =>
                    $"{route.Table} {route.Route.DestinationCidr} -> {id} ({status}): not managed by vpc-peering, left for its owner"));
                continue;
            }

            var peerBlocks = PeerBlocks(peering, ownAccount, region, routes.Select(route => route.Route.DestinationCidr), marked);
            if (peerBlocks.Count == 0 && listed.Count > 0)
            {
                reported.AddRange(listed.Keys.Select(acl =>
                    $"{acl} entries listed for {id} ({status}): the peer's blocks are unknown, left in place"));
                listed.Clear();
            }

            var before = removed.Count;
            await PeeringCleaner.RemoveAsync(operations, found with { NetworkAcls = acls }, listed, id, peerBlocks, removed);
            swept.Add(id);
            log.Info("sweep.removed", $"{removed.Count - before} item(s) left for {status} peering {id} removed", id);
        }

        return new SweepResult(swept, removed, reported);
    }

    private static IEnumerable<(string Table, Route Route)> Routes(NetworkArtifacts found, string? id) =>
        found.RouteTables.SelectMany(table => table.Routes
            .Where(route => route.Target.Kind == RouteTargetKind.PeeringConnection && (id is null || route.Target.Id == id))
            .Select(route => (table.RouteTableId, route)));

    private static IEnumerable<SecurityGroupRule> MarkedRules(NetworkArtifacts found, string? id) =>
        found.SecurityGroups.SelectMany(group => group.Ingress)
            .Where(rule => ManagedMarkers.PeeringOfRule(rule.Description) is { } named && (id is null || named == id));

    /// <summary>
    /// The peer's blocks, which a listed NACL entry must still allow to be removed. A described peering names them: the
    /// side(s) outside this account and region, or both VPCs when the peering joined two of them here. A peering EC2 no
    /// longer describes is known only by what the tool routed to it and admitted from it.
    /// </summary>
    private static List<IPNetwork> PeerBlocks(
        PeeringConnection? peering, string ownAccount, string region, IEnumerable<string> routed, IEnumerable<SecurityGroupRule> marked)
    {
        IEnumerable<string> blocks;
        if (peering is not null)
        {
            var sides = new[] { peering.Requester, peering.Accepter };
            var peers = sides.Where(side => side.AccountId != ownAccount || side.Region != region).ToList();
            blocks = (peers.Count > 0 ? peers : [.. sides]).SelectMany(side => side.Ipv4CidrBlocks.Concat(side.Ipv6CidrBlocks));
        }
        else
        {
            blocks = routed.Concat(marked.SelectMany(rule => rule.Ipv4Cidrs.Concat(rule.Ipv6Cidrs)));
        }

        return [.. blocks.Select(block => Cidr.TryParse(block, out var network, out _) ? network : (IPNetwork?)null)
            .OfType<IPNetwork>()
            .Distinct()];
    }
}
