using VpcPeering.Cidrs;
using VpcPeering.Network;

namespace VpcPeering.Evaluation;

/// <summary>A part of a destination and the route that carries it (null: no route).</summary>
public sealed record RoutedPart(CidrSet Destination, Route? Route);
