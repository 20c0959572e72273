namespace VpcPeering.Network;

/// <summary>A VPC peering connection as DescribeVpcPeeringConnections reports it.</summary>
/// <param name="StatusCode">The status code, e.g. <c>pending-acceptance</c> or <c>active</c> (see <see cref="PeeringStatus"/>).</param>
public sealed record PeeringConnection(
    string PeeringConnectionId,
    string StatusCode,
    PeeringVpcInfo Requester,
    PeeringVpcInfo Accepter,
    IReadOnlyDictionary<string, string> Tags)
{
    public bool IsActive => StatusCode == PeeringStatus.Active;

    /// <summary>The VPC info on the given side.</summary>
    public PeeringVpcInfo this[Side side] => side == Side.Requester ? Requester : Accepter;
}
