using VpcPeering.Cidrs;
using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Accepter side, event mode: checks the incoming peering (as EC2 shows it, not as the event claims) against the
/// allow-lists — requester account in ALLOWED_REQUESTER_ACCOUNTS (empty admits none), every requester block within
/// ALLOWED_REQUESTER_CIDRS (empty admits any) — and rejects it when not allowed. It answers rather than throws, so the
/// state machine can send the decision back.
/// </summary>
public sealed class DecideIncomingStep(StepServices services)
{
    public async Task<DecisionResult> RunAsync(StepInput input, InvocationLog log)
    {
        var request = CanonicalRequest.Read(input.Request);
        var id = input.PeeringConnectionId
            ?? throw new InvalidPeeringRequest("DecideIncoming needs \"peeringConnectionId\" from the Acceptance Requested event.");
        var accepter = await services.SideAsync(request, Side.Accepter, log);
        var peering = await accepter.Reader.DescribePeeringAsync(id)
            ?? throw new PeeringNotReady($"{id} is not visible in {request.Accepter.Region} yet. The state machine retries.");
        if (peering.StatusCode == PeeringStatus.InitiatingRequest)
        {
            throw new PeeringNotReady($"{id} is still initiating. The state machine retries.");
        }

        var refusal = Refusal(peering, request.Accepter.VpcId, await services.Access.OwnAccountAsync());
        if (refusal is null && PeeringViews.IsLive(peering))
        {
            // An already accepted peering means a repeated announcement (an earlier answer was lost or came too late):
            // accept again, so the state machine converges this side and answers the new task token.
            log.Info(peering.IsActive ? "incoming.repeated" : "incoming.allowed",
                $"{peering.Requester.AccountId} {peering.Requester.VpcId} may peer with {peering.Accepter.VpcId} ({peering.StatusCode})",
                id);
            return new DecisionResult("accept", id, null, null);
        }

        var cause = refusal ?? $"{id} is {peering.StatusCode} and can no longer be accepted";
        if (peering.StatusCode == PeeringStatus.PendingAcceptance)
        {
            await accepter.Operations.RejectPeeringAsync(id, cause);
        }

        log.Info("incoming.refused", cause, id);
        return new DecisionResult("reject", id, refusal is null ? nameof(PeeringFailed) : nameof(RequesterNotAllowed), cause);
    }

    private string? Refusal(PeeringConnection peering, string accepterVpcId, string ownAccount)
    {
        var configuration = services.Configuration;
        var requester = peering.Requester;
        if (peering.Accepter.AccountId != ownAccount || peering.Accepter.VpcId != accepterVpcId)
        {
            return $"{peering.PeeringConnectionId} is for {peering.Accepter.VpcId} in {peering.Accepter.AccountId}, not {accepterVpcId} in {ownAccount}";
        }

        if (!configuration.AllowedRequesterAccounts.Contains(requester.AccountId))
        {
            return $"account {requester.AccountId} is not in the accepter's AllowedRequesterAccounts; ask its owner to add it and redeploy";
        }

        var allowed = configuration.AllowedRequesterCidrs.Select(Cidr.Parse).ToList();
        var outside = requester.Ipv4CidrBlocks.Concat(requester.Ipv6CidrBlocks)
            .Where(block => allowed.Count > 0 && !allowed.Any(range => range.ContainsNetwork(Cidr.Parse(block))))
            .ToList();
        return outside.Count > 0
            ? $"{requester.VpcId} has {string.Join(", ", outside)} outside the accepter's AllowedRequesterCidrs ({string.Join(", ", allowed)})"
            : null;
    }
}
