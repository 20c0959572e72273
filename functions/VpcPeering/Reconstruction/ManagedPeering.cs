using VpcPeering.Network;

namespace VpcPeering.Reconstruction;

/// <summary>A peering the tool created, with what it configured on each side within reach.</summary>
/// <param name="Requester">The requester side, or null when it is out of reach here.</param>
/// <param name="Accepter">The accepter side, or null when it is out of reach here (event mode: the accepter's own stack configures it).</param>
/// <param name="AccepterRoleArn">The role the peering was accepted through (role mode), from the peering's tags.</param>
/// <param name="RequestId">The request id the peering was created for, from its tags.</param>
public sealed record ManagedPeering(
    PeeringConnection Peering,
    ManagedSide? Requester,
    ManagedSide? Accepter,
    string? AccepterRoleArn,
    string? RequestId)
{
    public ManagedSide? this[Side side] => side == Side.Requester ? Requester : Accepter;
}
