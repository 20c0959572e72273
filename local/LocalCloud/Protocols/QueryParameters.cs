using System.Globalization;
using System.Text;
using LocalCloud.Core;

namespace LocalCloud.Protocols;

/// <summary>
/// The parameters of an AWS Query protocol request (EC2, STS): the form body merged with the query string.
/// Lists use the documented flattened names (<c>Name.1</c>, <c>Name.1.Sub</c>).
/// </summary>
public sealed class QueryParameters
{
    private readonly Dictionary<string, string> _values;

    private QueryParameters(Dictionary<string, string> values) => _values = values;

    /// <summary>All parameters by name.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>The <c>Action</c> parameter, or null.</summary>
    public string? Action => Get("Action");

    /// <summary>Parses the query string and, for form posts, the body.</summary>
    public static QueryParameters From(AwsServiceRequest request)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        AddEncoded(values, request.QueryString);
        var contentType = request.Header("Content-Type") ?? string.Empty;
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) || contentType.Length == 0)
        {
            AddEncoded(values, Encoding.UTF8.GetString(request.Body.Span));
        }

        return new QueryParameters(values);
    }

    /// <summary>A parameter's value, or null when absent.</summary>
    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>A parameter's value, or <c>MissingParameter</c> as AWS answers.</summary>
    public string Required(string name) =>
        Get(name) is { Length: > 0 } value
            ? value
            : throw new AwsServiceException("MissingParameter", $"The request must contain the parameter {name}");

    /// <summary>An optional integer, or <c>InvalidParameterValue</c> when it is not one.</summary>
    public int? GetInt(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new AwsServiceException("InvalidParameterValue", $"Value ({value}) for parameter {name} is invalid. Expected an integer.");
    }

    /// <summary>An optional boolean (<c>true</c>/<c>false</c>).</summary>
    public bool? GetBool(string name) => Get(name) is { } value ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) : null;

    /// <summary>The values of a flattened list <c>prefix.1</c>, <c>prefix.2</c>, … in index order.</summary>
    public IReadOnlyList<string> List(string prefix) =>
        [.. Indices(prefix).Where(i => _values.ContainsKey($"{prefix}.{i}")).Select(i => _values[$"{prefix}.{i}"])];

    /// <summary>The member prefixes <c>prefix.1</c>, <c>prefix.2</c>, … of a flattened list of structures, in index order.</summary>
    public IReadOnlyList<string> Members(string prefix) => [.. Indices(prefix).Select(i => $"{prefix}.{i}")];

    private IEnumerable<int> Indices(string prefix)
    {
        var start = prefix + ".";
        var indices = new SortedSet<int>();
        foreach (var key in _values.Keys)
        {
            if (!key.StartsWith(start, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = key.AsSpan(start.Length);
            var dot = rest.IndexOf('.');
            var digits = dot < 0 ? rest : rest[..dot];
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                indices.Add(index);
            }
        }

        return indices;
    }

    private static void AddEncoded(Dictionary<string, string> values, string encoded)
    {
        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            values[name] = value;
        }
    }
}
