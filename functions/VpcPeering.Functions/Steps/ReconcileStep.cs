using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using Filter = Amazon.EC2.Model.Filter;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// The scheduled sweep of this account and region. It reports incoming peering requests from allowed accounts still
/// pending acceptance (the requester's execution re-announces those itself), and it removes what the tool added for
/// peerings that are gone — deleted out of band, failed, rejected or expired — through <see cref="DeadPeeringSweep"/>.
/// </summary>
public sealed class ReconcileStep(StepServices services)
{
    public async Task<ReconcileResult> RunAsync(StepInput input, InvocationLog log)
    {
        var region = input.Region ?? services.Configuration.Region;
        var own = await services.Access.OwnAccountAsync();
        var ec2 = services.Host.Clients.Ec2(region);
        var reader = new NetworkReader(ec2, region);
        var pending = (await reader.FindPeeringsAsync(
                new Filter("status-code", [PeeringStatus.PendingAcceptance]),
                new Filter("accepter-vpc-info.owner-id", [own])))
            .Where(peering => services.Configuration.AllowedRequesterAccounts.Contains(peering.Requester.AccountId))
            .ToList();
        foreach (var peering in pending)
        {
            log.Info("reconcile.pending", $"{peering.Requester.AccountId} {peering.Requester.VpcId} waits for acceptance",
                peering.PeeringConnectionId);
        }

        var swept = await new DeadPeeringSweep(reader, new Ec2Operations(ec2, log), log).RunAsync(own, region);
        foreach (var line in swept.Reported)
        {
            log.Info("reconcile.reported", line);
        }

        return new ReconcileResult(
            [.. pending.Select(peering => PeeringViews.ToResult(peering))], swept.PeeringConnectionIds, swept.Removed, swept.Reported);
    }
}
