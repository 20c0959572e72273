using VpcPeering.Network;

namespace VpcPeering.Reconstruction;

/// <summary>An ingress rule the tool added for a peering, found again by the marker in its description.</summary>
/// <param name="Description">The rule's description without the marker: the request's description.</param>
public sealed record ManagedRule(string GroupId, SecurityGroupRule Rule, string? Description);
