namespace LocalCloud.Core;

/// <summary>A raw HTTP request addressed to one emulated service, independent of the transport that carried it.</summary>
public sealed record AwsServiceRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>A header value by case-insensitive name, or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
