using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Creates the peering with its tags, or reuses the live one Preflight found; then, because a concurrent
/// execution may have created one too, keeps the lowest id and deletes the other managed duplicates.
/// </summary>
public sealed class RequestPeeringStep(StepServices services)
{
    public async Task<PeeringResult> RunAsync(StepInput input, InvocationLog log)
    {
        var request = CanonicalRequest.Read(input.Request);
        var requester = await services.SideAsync(request, Side.Requester, log);
        var pair = PeeringViews.PairFilters(request.Requester.VpcId, request.Accepter.VpcId);
        if (await ReusableAsync(requester.Reader, pair, input.Plan) is { } existing)
        {
            log.Info("peering.reused", $"reusing {existing.StatusCode} peering", existing.PeeringConnectionId);
            return PeeringViews.ToResult(existing);
        }

        var executionName = input.ExecutionName ?? "manual";
        var name = request.Name ?? $"{request.Requester.VpcId}-{request.Accepter.VpcId}";
        var created = await requester.Operations.CreatePeeringAsync(request.Requester.VpcId, request.Accepter.VpcId, request.Accepter.AccountId,
            request.Accepter.Region, ManagedMarkers.PeeringTags(name, request.RequestId ?? executionName, executionName, request.Accepter.RoleArn));
        var ours = NetworkReader.ToDomain(created);

        var concurrent = (await requester.Reader.FindPeeringsAsync(pair))
            .Where(peering => PeeringViews.IsLive(peering) && ManagedMarkers.IsManaged(peering.Tags))
            .Append(ours)
            .DistinctBy(peering => peering.PeeringConnectionId)
            .ToList();
        var keep = PeeringViews.LowestIdFirst(concurrent).First();
        var deleted = new List<string>();
        if (keep.PeeringConnectionId != ours.PeeringConnectionId)
        {
            // Only our own duplicate goes: the other execution owns (and may be rolling back) the others.
            await requester.Operations.DeletePeeringAsync(ours.PeeringConnectionId,
                $"duplicate of {keep.PeeringConnectionId}, which a concurrent execution created first");
            deleted.Add(ours.PeeringConnectionId);
        }

        return PeeringViews.ToResult(keep, created: keep.PeeringConnectionId == ours.PeeringConnectionId, deleted: deleted);
    }

    /// <summary>
    /// The live peering to reuse. Preflight has just looked: the one it found is described again by id (its blocks and
    /// status feed the next states); when it found none, nothing is described before creating, because the check after
    /// creating catches a concurrent execution either way. Without Preflight's result, the pair is searched.
    /// </summary>
    private static async Task<PeeringConnection?> ReusableAsync(NetworkReader reader, Amazon.EC2.Model.Filter[] pair, PreflightResult? preflight)
    {
        var candidates = preflight switch
        {
            null => await reader.FindPeeringsAsync(pair),
            { PeeringConnectionId: { } found } => [.. new[] { await reader.DescribePeeringAsync(found) }.OfType<PeeringConnection>()],
            _ => [],
        };
        return PeeringViews.LowestIdFirst(candidates.Where(PeeringViews.IsLive)).FirstOrDefault();
    }
}

/// <summary>Accepts the peering as the accepter: own account (same account, or the accepter's stack) or the access role.</summary>
public sealed class AcceptPeeringStep(StepServices services)
{
    public async Task<PeeringResult> RunAsync(StepInput input, InvocationLog log)
    {
        var request = CanonicalRequest.Read(input.Request);
        var id = input.PeeringConnectionId ?? input.Peering?.PeeringConnectionId
            ?? throw new InvalidPeeringRequest("AcceptPeering needs \"peeringConnectionId\"; run RequestPeering first.");
        var accepter = await services.SideAsync(request, Side.Accepter, log);
        try
        {
            // Accepting first costs one call when the request is pending acceptance, as it is by the time this runs.
            return PeeringViews.ToResult(NetworkReader.ToDomain(await accepter.Operations.AcceptPeeringAsync(id)));
        }
        catch (Amazon.EC2.AmazonEC2Exception ex) when (ex.ErrorCode is "InvalidStateTransition"
            || ex.ErrorCode?.StartsWith("InvalidVpcPeeringConnectionID", StringComparison.OrdinalIgnoreCase) == true)
        {
            return await AfterRefusalAsync(accepter, id, log);
        }
    }

    /// <summary>EC2 refused the accept: the peering's status says whether to wait, go on, or give up.</summary>
    private static async Task<PeeringResult> AfterRefusalAsync(SideClient accepter, string id, InvocationLog log)
    {
        var peering = await accepter.Reader.DescribePeeringAsync(id)
            ?? throw new PeeringNotReady($"{id} is not visible in the accepter's region yet. The state machine retries.");
        PeeringViews.ThrowIfDead(peering);
        if (peering.StatusCode is PeeringStatus.InitiatingRequest or PeeringStatus.PendingAcceptance)
        {
            throw new PeeringNotReady($"{id} is still {peering.StatusCode}; it can be accepted once it is pending acceptance. The state machine retries.");
        }

        log.Info("peering.already-accepted", $"status {peering.StatusCode}", id);
        return PeeringViews.ToResult(peering);
    }
}

/// <summary>
/// One turn of the bounded wait loop: the peering's status, the loop counter, and a named error when the
/// peering is dead, the bound is reached, or (after the acceptance callback timed out) nobody accepted it.
/// </summary>
public sealed class DescribePeeringStep(StepServices services)
{
    public async Task<PeeringResult> RunAsync(StepInput input, InvocationLog log)
    {
        var request = CanonicalRequest.Read(input.Request);
        var id = input.PeeringConnectionId ?? input.Peering?.PeeringConnectionId
            ?? throw new InvalidPeeringRequest("DescribePeering needs \"peeringConnectionId\"; run RequestPeering first.");
        var side = input.Side is { } named ? Sides.Parse(named) : await services.OwnSideAsync(request);
        var client = await services.SideAsync(request, side, log);
        var peering = await client.Reader.DescribePeeringAsync(id)
            ?? throw new PeeringNotFound($"{id} does not exist in {side.Name()}'s region. Run the peering again.");
        PeeringViews.ThrowIfDead(peering);
        var attempt = input.Attempt + 1;
        log.Debug("peering.described", $"status {peering.StatusCode} (attempt {attempt})", id);
        if (input.AfterTimeout && peering.StatusCode is PeeringStatus.PendingAcceptance or PeeringStatus.InitiatingRequest)
        {
            return Unanswered(input, peering, attempt, log);
        }

        if (!peering.IsActive && attempt >= (input.MaxAttempts ?? 30))
        {
            throw new PeeringNotActive($"{id} is still {peering.StatusCode} after {attempt} checks. Look at it in the console; run again to continue.");
        }

        return PeeringViews.ToResult(peering, attempt: attempt);
    }

    /// <summary>
    /// Event mode, no answer within the callback timeout and nobody accepted: the request (or a failure answer) may have
    /// been lost — EventBridge delivers at least once only while the rule is enabled and the target takes the event — so
    /// the state machine announces again with a new task token until the bound, then gives up.
    /// </summary>
    private static PeeringResult Unanswered(StepInput input, PeeringConnection peering, int attempt, InvocationLog log)
    {
        var id = peering.PeeringConnectionId;
        var (made, bound) = (Math.Max(input.Announcements, 1), input.MaxAnnouncements ?? 1);
        if (made < bound)
        {
            log.Info("acceptance.unanswered", $"announcement {made} of {bound} went unanswered; announcing again", id);
            return PeeringViews.ToResult(peering, attempt: attempt) with { Announcements = made, AnnounceAgain = true };
        }

        throw new AcceptanceTimedOut($"Nobody accepted {id} after {made} announcement(s) to the accepter's bus. Check that the " +
            "accepter's stack is deployed with this account in AllowedRequesterAccounts and its bus policy, and that its " +
            "AcceptanceRequested rule is enabled, or use role mode, then run again.");
    }
}

public static class Sides
{
    public static Side Parse(string? side) => side switch
    {
        "requester" => Side.Requester,
        "accepter" => Side.Accepter,
        _ => throw new InvalidPeeringRequest($"\"side\" is '{side}'; expected \"requester\" or \"accepter\"."),
    };
}
