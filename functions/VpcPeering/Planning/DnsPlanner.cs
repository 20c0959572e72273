using VpcPeering.Network;

namespace VpcPeering.Planning;

/// <summary>
/// "Requester resolves accepter" is the accepter side's AllowDnsResolutionFromRemoteVpc option, and vice versa.
/// The plan only turns options on: a request that does not ask for DNS leaves existing options alone.
/// </summary>
internal static class DnsPlanner
{
    public static IEnumerable<DnsChange> Plan(PlanningContext context)
    {
        var wanted = new[]
        {
            (Side: Side.Accepter, Wanted: context.Request.Dns.RequesterResolvesAccepter, Path: "$.dns.requesterResolvesAccepter"),
            (Side: Side.Requester, Wanted: context.Request.Dns.AccepterResolvesRequester, Path: "$.dns.accepterResolvesRequester"),
        };
        foreach (var (side, isWanted, path) in wanted.Where(option => option.Wanted))
        {
            foreach (var vpc in new[] { context.Snapshot.Requester.Vpc, context.Snapshot.Accepter.Vpc }
                .Where(vpc => !vpc.EnableDnsSupport || !vpc.EnableDnsHostnames))
            {
                context.Problems.Add(path, $"{vpc.VpcId} has DNS resolution or DNS hostnames turned off",
                    "enableDnsSupport and enableDnsHostnames on both VPCs (ModifyVpcAttribute)");
            }

            var peering = context.Snapshot.Peering;
            var current = peering is not null && peering.PeeringConnectionId == context.PeeringConnectionId
                && peering[side].AllowDnsResolutionFromRemoteVpc;
            if (!current)
            {
                yield return new DnsChange(side, isWanted);
            }
        }
    }
}
