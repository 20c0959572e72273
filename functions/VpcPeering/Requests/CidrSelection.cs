using System.Text.Json.Serialization;
using VpcPeering.Requests.Json;

namespace VpcPeering.Requests;

/// <summary>Peer blocks chosen by <c>"all"</c> or by a list.</summary>
[JsonConverter(typeof(CidrSelectionConverter))]
public abstract record CidrSelection
{
    public static CidrSelection All { get; } = new AllCidrs();

    public sealed record AllCidrs : CidrSelection;

    public sealed record List(IReadOnlyList<string> Cidrs) : CidrSelection;
}
