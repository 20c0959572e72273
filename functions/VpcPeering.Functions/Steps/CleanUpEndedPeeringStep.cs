using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Accepter side, event mode: a partner announced that a peering it requested ended ("VPC Peering Failed" after its
/// rollback, "VPC Peering Deleted" after its teardown). The event is only a hint; EC2 decides. The peering must have been
/// requested by the event's sender and accepted by this account, and must no longer be live. Then this side's routes to
/// it, its managed security-group rules and its recorded NACL entries go. The peering itself is never touched.
/// </summary>
public sealed class CleanUpEndedPeeringStep(StepServices services)
{
    public async Task<CleanupResult> RunAsync(StepInput input, InvocationLog log)
    {
        var id = input.PeeringConnectionId
            ?? throw new InvalidPeeringRequest("CleanUpEndedPeering needs \"peeringConnectionId\" from the event's detail.");
        var sender = input.SenderAccountId
            ?? throw new InvalidPeeringRequest("CleanUpEndedPeering needs \"senderAccountId\": the event's account.");
        var region = input.Region ?? services.Configuration.Region;
        var ec2 = services.Host.Clients.Ec2(region);
        var own = new SideClient(Side.Accepter, new NetworkReader(ec2, region), new Ec2Operations(ec2, log));
        var ownAccount = await services.Access.OwnAccountAsync();

        // A deleted peering stays visible to both owners for a while (VPC Peering Guide, "VPC peering connection lifecycle"),
        // long enough for the event; one that is gone cannot be checked, so nothing is removed for it.
        var peering = await own.Reader.DescribePeeringAsync(id)
            ?? throw new PeeringNotFound($"{id} is not visible to {ownAccount} in {region}, so its requester cannot be checked; nothing was " +
                "removed. If routes to it remain, delete them by hand (they are blackhole routes with this peering as target).");
        if (peering.Requester.AccountId != sender || peering.Accepter.AccountId != ownAccount)
        {
            throw new SenderNotRequester($"Account {sender} announced the end of {id}, which {peering.Requester.AccountId} requested from " +
                $"{peering.Accepter.AccountId}. A partner may only end peerings it requested from this account ({ownAccount}); nothing was removed.");
        }

        if (PeeringViews.IsLive(peering))
        {
            throw new PeeringStillActive($"{id} is still {peering.StatusCode}, so the requester kept it (a reused peering) or its deletion is " +
                "not visible yet; this side's configuration stays. The state machine retries a few times.");
        }

        var (removed, notes) = (new List<string>(), new List<string>());
        await new PeeringCleaner(log).CleanAsync(
            peering, side => Task.FromResult(side == Side.Accepter ? own : null), deletePeering: false, removed, notes);
        log.Info("ended.cleaned", $"{sender} ended {id} ({peering.StatusCode}); removed {removed.Count} item(s) on this side", id);
        return new CleanupResult([id], removed, notes, null);
    }
}
