using System.Net;
using VpcPeering.Cidrs;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Removes what the tool manages for a peering on every side it can reach — routes to the peering, rules carrying
/// its marker, NACL entries listed in its NACL tag — then deletes the peering connection.
/// </summary>
public sealed class PeeringCleaner(InvocationLog log)
{
    private static readonly HashSet<string> Deletable =
        new([PeeringStatus.Active, PeeringStatus.PendingAcceptance, PeeringStatus.Provisioning, PeeringStatus.InitiatingRequest], StringComparer.Ordinal);

    /// <param name="reach">The client for a side, or null when this function cannot act there.</param>
    /// <param name="deletePeering">Whether the peering connection goes too (false: only this side's configuration).</param>
    /// <remarks>
    /// Works on a peering that is no longer active: EC2 keeps routes to it, in state <c>blackhole</c> with the peering's id
    /// still as their target (EC2 API reference, <c>Route.State</c>: "the route's target isn't available"; VPC Peering Guide,
    /// "Update your route tables for a VPC peering connection"), so they are found by that id in the route tables.
    /// </remarks>
    public async Task<PeeringCleanup> CleanAsync(
        PeeringConnection peering, Func<Side, Task<SideClient?>> reach, bool deletePeering, List<string> removed, List<string> notes)
    {
        var id = peering.PeeringConnectionId;
        SideClient? deleter = null;
        var outOfReach = new List<Side>();
        foreach (var side in new[] { Side.Requester, Side.Accepter })
        {
            if (await reach(side) is not { } client)
            {
                notes.Add($"the {side.Name()} side ({peering[side].AccountId}) is out of reach here; its own stack removes its configuration");
                outOfReach.Add(side);
                continue;
            }

            deleter ??= client;
            await CleanSideAsync(client, peering, side, removed);
        }

        if (!deletePeering)
        {
            return new PeeringCleanup(false, outOfReach);
        }

        if (!Deletable.Contains(peering.StatusCode))
        {
            notes.Add($"{id} is {peering.StatusCode}; EC2 removes it by itself");
        }
        else if (deleter is not null)
        {
            await deleter.Operations.DeletePeeringAsync(id, "removed by rollback or teardown");
            removed.Add($"peering {id}");
            return new PeeringCleanup(true, outOfReach);
        }

        return new PeeringCleanup(false, outOfReach);
    }

    private async Task CleanSideAsync(SideClient client, PeeringConnection peering, Side side, List<string> removed)
    {
        var id = peering.PeeringConnectionId;
        var vpc = await client.Reader.DescribeAsync(PeeringViews.Outline(peering[side]).Vpc,
            VpcParts.RouteTables | VpcParts.SecurityGroups | VpcParts.NetworkAcls);
        var peerBlocks = peering[side.Peer()].Ipv4CidrBlocks.Concat(peering[side.Peer()].Ipv6CidrBlocks).Select(Cidr.Parse).ToList();
        var tagged = await client.Reader.TaggedAsync("network-acl", ManagedMarkers.NetworkAclEntriesKey(id));
        await RemoveAsync(client.Operations, NetworkArtifacts.Of(vpc), tagged, id, peerBlocks, removed);
        log.Info("cleanup.side", $"{side.Name()} {peering[side].VpcId} cleaned", id);
    }

    /// <summary>
    /// Removes what the tool manages for one peering among these tables, groups and NACLs: every route to the peering,
    /// every ingress rule carrying its marker, and the NACL entries listed in its NACL tag (with the tag). Shared by
    /// rollback and teardown (one VPC) and the scheduled sweep (a whole account and region).
    /// </summary>
    /// <param name="aclEntryTags">NACL id → the value of the peering's NACL tag, for the NACLs carrying it.</param>
    /// <param name="peerBlocks">The peer's blocks: a listed NACL entry is removed only while it still allows one of them.</param>
    public static async Task RemoveAsync(Ec2Operations operations, NetworkArtifacts found, IReadOnlyDictionary<string, string> aclEntryTags,
        string id, IReadOnlyCollection<IPNetwork> peerBlocks, List<string> removed)
    {
        foreach (var table in found.RouteTables)
        {
            foreach (var route in table.Routes.Where(route => route.Target.Kind == RouteTargetKind.PeeringConnection && route.Target.Id == id))
            {
                await operations.DeleteRouteAsync(table.RouteTableId, route.DestinationCidr, id);
                removed.Add($"{table.RouteTableId} {route.DestinationCidr} -> {id}");
            }
        }

        foreach (var group in found.SecurityGroups)
        {
            var managed = group.Ingress.Where(rule => ManagedMarkers.IsManagedRule(rule.Description, id)).ToList();
            await operations.RevokeIngressAsync(group.GroupId, managed, id);
            removed.AddRange(managed.Select(rule => $"{group.GroupId} {Ec2Operations.Describe(rule)}"));
        }

        var key = ManagedMarkers.NetworkAclEntriesKey(id);
        foreach (var acl in found.NetworkAcls.Where(acl => aclEntryTags.ContainsKey(acl.NetworkAclId)))
        {
            var (aclId, value) = (acl.NetworkAclId, aclEntryTags[acl.NetworkAclId]);
            foreach (var (number, egress) in ManagedMarkers.ParseEntries(value))
            {
                // Only an entry that still allows a peer block: the number may have been reused by hand since.
                var entry = acl.Entries.FirstOrDefault(candidate => candidate.RuleNumber == number && candidate.Egress == egress);
                if (entry is not null && entry.Action == NetworkAclAction.Allow
                    && Cidr.TryParse(entry.Cidr, out var block, out _) && peerBlocks.Any(peer => peer.ContainsNetwork(block)))
                {
                    await operations.DeleteNetworkAclEntryAsync(aclId, number, egress, id);
                    removed.Add($"{aclId} {(egress ? "egress" : "ingress")} #{number}");
                }
            }

            await operations.UntagAsync(aclId, key);
        }
    }
}

/// <summary>What <see cref="PeeringCleaner.CleanAsync"/> did with one peering.</summary>
/// <param name="Deleted">This call deleted the peering connection.</param>
/// <param name="OutOfReach">The sides this function could not act on; their own stacks clean them.</param>
public sealed record PeeringCleanup(bool Deleted, IReadOnlyList<Side> OutOfReach);
