using System.Text.RegularExpressions;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

/// <summary>One <c>Filter.N</c>: a name and the values any of which may match (with <c>*</c> and <c>?</c> wildcards).</summary>
/// <param name="Name">The filter name, e.g. <c>vpc-id</c> or <c>tag:Name</c>.</param>
/// <param name="Values">The accepted values.</param>
public sealed record Ec2Filter(string Name, IReadOnlyList<string> Values);

/// <summary>The filters of a Describe call, a page request, and the ids asked for explicitly.</summary>
/// <param name="Ids">Explicit resource ids (each must exist), or empty.</param>
/// <param name="Filters">Filters, all of which must match.</param>
/// <param name="MaxResults">Page size (5..1000), or null for everything.</param>
/// <param name="NextToken">The token of the previous page, or null.</param>
public sealed record DescribeQuery(
    IReadOnlyList<string> Ids,
    IReadOnlyList<Ec2Filter> Filters,
    int? MaxResults = null,
    string? NextToken = null)
{
    /// <summary>No ids, no filters, no paging.</summary>
    public static DescribeQuery All { get; } = new([], []);

    /// <summary>A query with filters only.</summary>
    public static DescribeQuery Filtered(params Ec2Filter[] filters) => new([], filters);
}

/// <summary>A page of Describe results.</summary>
/// <param name="Items">The items of this page.</param>
/// <param name="NextToken">The token for the next page, or null at the end.</param>
public sealed record Ec2Page<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>The filters a Describe action documents: name → the values an item has for it.</summary>
internal sealed class FilterSet<T> : Dictionary<string, Func<T, IEnumerable<string?>>>
{
    public FilterSet()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>Applies filters (the action's own plus <c>tag:Key</c>, <c>tag-key</c>, <c>tag-value</c>) and pagination.</summary>
internal static class FilterEngine
{
    /// <summary>The items matching every filter; an unknown filter name is <c>InvalidParameterValue</c>, even with nothing to match.</summary>
    public static List<T> Apply<T>(
        IEnumerable<T> items, IReadOnlyList<Ec2Filter> filters, FilterSet<T> known, Func<T, IReadOnlyDictionary<string, string>> tagsOf)
    {
        foreach (var filter in filters.Where(f => !IsTagFilter(f.Name) && !known.ContainsKey(f.Name)))
        {
            throw new AwsServiceException("InvalidParameterValue", $"The filter '{filter.Name}' is invalid");
        }

        return [.. items.Where(item => filters.All(filter =>
        {
            var values = IsTagFilter(filter.Name) ? TagValues(filter.Name, tagsOf(item)) : known[filter.Name](item);
            return values.Any(v => v is not null && filter.Values.Any(pattern => Like(v, pattern)));
        }))];
    }

    public static Ec2Page<T> Page<T>(IReadOnlyList<T> items, DescribeQuery query)
    {
        var offset = 0;
        if (query.NextToken is { Length: > 0 } token)
        {
            offset = ParseToken(token);
        }

        if (query.MaxResults is not { } max)
        {
            return new Ec2Page<T>([.. items.Skip(offset)], null);
        }

        if (max is < 5 or > 1000)
        {
            throw new AwsServiceException("InvalidParameterValue",
                $"Value ( {max} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }

        var page = items.Skip(offset).Take(max).ToList();
        var next = offset + page.Count < items.Count ? MakeToken(offset + page.Count) : null;
        return new Ec2Page<T>(page, next);
    }

    private static bool IsTagFilter(string name) => name is "tag-key" or "tag-value" || name.StartsWith("tag:", StringComparison.Ordinal);

    private static IEnumerable<string?> TagValues(string name, IReadOnlyDictionary<string, string> tags) => name switch
    {
        "tag-key" => tags.Keys,
        "tag-value" => tags.Values,
        _ => tags.TryGetValue(name[4..], out var v) ? [v] : [],
    };

    private static bool Like(string value, string pattern)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal) && !pattern.Contains('?', StringComparison.Ordinal))
        {
            return string.Equals(value, pattern, StringComparison.Ordinal);
        }

        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string MakeToken(int offset) => Convert.ToBase64String(BitConverter.GetBytes(offset ^ 0x5eed));

    private static int ParseToken(string token)
    {
        try
        {
            var bytes = Convert.FromBase64String(token);
            if (bytes.Length == 4)
            {
                return BitConverter.ToInt32(bytes) ^ 0x5eed;
            }
        }
        catch (FormatException)
        {
        }

        throw new AwsServiceException("InvalidPaginationToken", $"Invalid pagination token: {token}");
    }

    public static string Bool(bool value) => value ? "true" : "false";
}
