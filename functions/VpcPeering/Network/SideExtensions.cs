namespace VpcPeering.Network;

public static class SideExtensions
{
    /// <summary>The other end of the peering.</summary>
    public static Side Peer(this Side side) => side == Side.Requester ? Side.Accepter : Side.Requester;

    /// <summary>The lower-case name used in JSON and in rendered plans.</summary>
    public static string Name(this Side side) => side == Side.Requester ? "requester" : "accepter";
}
