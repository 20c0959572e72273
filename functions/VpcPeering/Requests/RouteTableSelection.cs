using System.Text.Json.Serialization;
using VpcPeering.Requests.Json;

namespace VpcPeering.Requests;

/// <summary>Route tables chosen by <c>"all"</c>, by a list of ids, or by a tag filter (<c>{"tags": {"Key": "Value"}}</c>).</summary>
[JsonConverter(typeof(RouteTableSelectionConverter))]
public abstract record RouteTableSelection
{
    public static RouteTableSelection All { get; } = new AllRouteTables();

    public sealed record AllRouteTables : RouteTableSelection;

    public sealed record ByIds(IReadOnlyList<string> RouteTableIds) : RouteTableSelection;

    /// <summary>Tables carrying every one of these tags; an empty value matches any value.</summary>
    public sealed record ByTags(IReadOnlyDictionary<string, string> Tags) : RouteTableSelection;
}
