using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Planning;
using VpcPeering.Requests;
using Filter = Amazon.EC2.Model.Filter;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Describes both VPCs (the accepter through its role in role mode; in event mode only its blocks are known later),
/// finds a peering to reuse, and plans. Unless it is a dry run, anything that would stop the peering fails here,
/// before anything is created: <c>CidrOverlap</c>, <c>InvalidPeeringRequest</c>, <c>RouteConflict</c>.
/// </summary>
public sealed class PreflightStep(StepServices services)
{
    public async Task<PreflightResult> RunAsync(StepInput input, InvocationLog log)
    {
        var request = CanonicalRequest.Read(input.Request);
        var requester = await services.SideAsync(request, Side.Requester, log);
        var mode = await services.Access.ModeAsync(request, Side.Accepter);
        // DNS attributes cost two calls per VPC and only matter when the request asks for DNS resolution.
        var parts = request.Dns.RequesterResolvesAccepter || request.Dns.AccepterResolvesRequester ? VpcParts.All : VpcParts.All & ~VpcParts.DnsAttributes;
        var (requesterVpc, accepterVpc) = mode == AccessMode.None
            ? (await requester.Reader.DescribeAsync(request.Requester.VpcId, parts),
                PeeringViews.Outline(new PeeringVpcInfo(request.Accepter.AccountId, request.Accepter.Region, request.Accepter.VpcId, [], [], false),
                    PeeringViews.ReferencedPeerGroups(request, Side.Accepter)))
            : await services.DescribeBothAsync(request, parts, log);

        var existing = await FindExistingAsync(requester.Reader, request);
        var planned = mode == AccessMode.None ? RequesterSideOnly(request) : request;
        var plan = PeeringPlanner.Plan(new NetworkSnapshot(requesterVpc, accepterVpc, existing), planned, existing?.PeeringConnectionId);
        var basis = new PlanBasis(
            mode == AccessMode.None ? [Side.Requester.Name()] : [Side.Requester.Name(), Side.Accepter.Name()],
            [.. requesterVpc.Vpc.AllCidrBlocks],
            [.. accepterVpc.Vpc.AllCidrBlocks]);
        var acceptMode = mode switch
        {
            AccessMode.Own => "same-account",
            AccessMode.Role => "role",
            _ => "event",
        };
        log.Info("preflight.planned", $"{acceptMode}; reuse {existing?.PeeringConnectionId ?? "none"}; can apply {plan.CanApply}",
            existing?.PeeringConnectionId);
        if (!request.DryRun)
        {
            ThrowIfBlocked(plan);
        }

        return new PreflightResult(acceptMode, existing?.PeeringConnectionId, existing?.StatusCode, request.DryRun, plan.CanApply,
            PlanRenderer.Render(plan), plan, basis);
    }

    /// <summary>
    /// A live peering for the pair (the lowest id if concurrent runs made several); one the other way round is an error.
    /// One call for both directions: each <c>*-vpc-info.vpc-id</c> filter takes both VPCs (a VPC cannot peer with itself).
    /// </summary>
    private static async Task<PeeringConnection?> FindExistingAsync(NetworkReader reader, PeeringRequest request)
    {
        var (requesterVpc, accepterVpc) = (request.Requester.VpcId, request.Accepter.VpcId);
        var live = (await reader.FindPeeringsAsync(
                new Filter("requester-vpc-info.vpc-id", [requesterVpc, accepterVpc]),
                new Filter("accepter-vpc-info.vpc-id", [requesterVpc, accepterVpc])))
            .Where(PeeringViews.IsLive)
            .ToList();
        if (live.FirstOrDefault(peering => peering.Requester.VpcId == accepterVpc) is { } reverse)
        {
            throw new InvalidPeeringRequest($"{reverse.PeeringConnectionId} already peers these VPCs with {accepterVpc} as the " +
                "requester. Swap requester and accepter in the request, or tear that peering down first.");
        }

        return PeeringViews.LowestIdFirst(live.Where(peering => peering.Requester.VpcId == requesterVpc && peering.Accepter.VpcId == accepterVpc))
            .FirstOrDefault();
    }

    /// <summary>In event mode the accepter's stack configures its own side; plan only the requester's.</summary>
    private static PeeringRequest RequesterSideOnly(PeeringRequest request) =>
        request with
        {
            SecurityGroups = [.. request.SecurityGroups.Where(grant => grant.Side == Side.Requester)],
            Routes = request.Routes with { AccepterRouteTables = RouteTableSelection.All },
        };

    private static void ThrowIfBlocked(PeeringPlan plan)
    {
        if (plan.Overlaps.Count > 0)
        {
            throw new CidrOverlap($"{plan.RequesterVpcId} and {plan.AccepterVpcId} cannot peer: {string.Join("; ", plan.Overlaps)}. " +
                "VPCs with overlapping blocks never peer; re-address one VPC or peer different VPCs.");
        }

        if (plan.Problems.Count > 0)
        {
            throw new InvalidPeeringRequest($"The request does not fit the VPCs:{string.Concat(plan.Problems.Select(problem =>
                $"{Environment.NewLine}- {problem}"))}");
        }

        if (plan.RouteConflicts.FirstOrDefault() is { } conflict)
        {
            throw Ec2Operations.RouteConflicts(conflict.RouteTableId, conflict.DestinationCidr, conflict.ExistingTarget?.Id ?? "another target",
                plan.PeeringConnectionId);
        }
    }
}
