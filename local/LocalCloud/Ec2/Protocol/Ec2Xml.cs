using System.Globalization;
using System.Xml.Linq;

namespace LocalCloud.Ec2.Protocol;

/// <summary>EC2 response XML: elements in the 2016-11-15 namespace, lists as <c>…Set</c> of <c>item</c>.</summary>
internal static class Ec2Xml
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    public static XElement? Opt(string name, string? value) => value is null ? null : E(name, value);

    public static XElement? Opt(string name, int? value) => value is null ? null : E(name, value.Value.ToString(CultureInfo.InvariantCulture));

    public static XElement Bool(string name, bool value) => E(name, value ? "true" : "false");

    public static XElement Int(string name, int value) => E(name, value.ToString(CultureInfo.InvariantCulture));

    public static XElement Time(string name, DateTimeOffset value) =>
        E(name, value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));

    public static XElement Set<T>(string name, IEnumerable<T> items, Func<T, IEnumerable<object?>> content) =>
        E(name, items.Select(i => E("item", [.. content(i)])));

    public static XElement TagSet(IReadOnlyDictionary<string, string> tags) =>
        Set("tagSet", tags.OrderBy(t => t.Key, StringComparer.Ordinal), t => [E("key", t.Key), E("value", t.Value)]);
}
