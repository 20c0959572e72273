using VpcPeering.Network;

namespace VpcPeering.Planning;

/// <summary>An ingress rule for peer traffic; <see cref="Rule"/> has exactly one source (a peer block or a peer group).</summary>
public sealed record SecurityGroupRuleChange(Side Side, string GroupId, SecurityGroupRule Rule, ChangeKind Kind);
