using VpcPeering.Network;

namespace VpcPeering.Planning;

/// <summary>An allow entry to add, numbered just below the entry that blocks the traffic today.</summary>
public sealed record NetworkAclEntryChange(Side Side, string NetworkAclId, NetworkAclEntry Entry);
