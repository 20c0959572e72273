namespace VpcPeering.Planning;

internal static class TagFilter
{
    /// <summary>Every filter key present; an empty filter value accepts any value.</summary>
    public static bool Matches(IReadOnlyDictionary<string, string> tags, IReadOnlyDictionary<string, string> filter) =>
        filter.All(wanted => tags.TryGetValue(wanted.Key, out var value) && (wanted.Value.Length == 0 || value == wanted.Value));
}
