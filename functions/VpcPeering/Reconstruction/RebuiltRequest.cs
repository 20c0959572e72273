using VpcPeering.Requests;

namespace VpcPeering.Reconstruction;

/// <summary>The request rebuilt for a peering, or why there is none.</summary>
/// <param name="Request">The validated request; null when the peering cannot be run again (see <paramref name="Reason"/>).</param>
/// <param name="Reason">What the request keeps doing (e.g. routing listed blocks only), or why it was skipped.</param>
public sealed record RebuiltRequest(string PeeringConnectionId, PeeringRequest? Request, string Reason);
