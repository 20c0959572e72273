namespace VpcPeering.Network;

/// <summary>Which end of a peering connection.</summary>
public enum Side
{
    Requester,
    Accepter,
}
