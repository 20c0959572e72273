namespace VpcPeering.Network;

/// <summary>Both VPCs of a peering and the peering connection between them, if one exists yet.</summary>
public sealed record NetworkSnapshot(VpcSnapshot Requester, VpcSnapshot Accepter, PeeringConnection? Peering)
{
    /// <summary>The VPC snapshot on the given side.</summary>
    public VpcSnapshot this[Side side] => side == Side.Requester ? Requester : Accepter;

    /// <summary>A copy with the given side replaced.</summary>
    public NetworkSnapshot With(Side side, VpcSnapshot vpc) =>
        side == Side.Requester ? this with { Requester = vpc } : this with { Accepter = vpc };
}
