using System.Globalization;
using System.Text;

namespace LocalCloud.Templates;

/// <summary>
/// A <c>samconfig.toml</c>: tables <c>[ENV.COMMAND.parameters]</c> of SAM CLI options. Reads the TOML that SAM CLI writes
/// (tables, strings, numbers, booleans, arrays); other TOML syntax is reported with its line.
/// </summary>
public sealed class SamConfig
{
    private readonly Dictionary<string, Dictionary<string, object>> _tables;

    private SamConfig(Dictionary<string, Dictionary<string, object>> tables) => _tables = tables;

    /// <summary>Reads a samconfig.toml file.</summary>
    public static SamConfig Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses samconfig.toml text.</summary>
    public static SamConfig Parse(string text) => new(TomlSubset.Parse(text));

    /// <summary>The environments the file configures (<c>default</c>, <c>requester</c>, …).</summary>
    public IReadOnlyList<string> Environments =>
        [.. _tables.Keys.Select(k => k.Split('.')[0]).Where(e => e != string.Empty).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The options of one command in one environment, as SAM CLI sees them: <c>[ENV.global.parameters]</c> overlaid by
    /// <c>[ENV.COMMAND.parameters]</c>. Values are strings, longs, doubles, booleans or lists of those.
    /// </summary>
    public IReadOnlyDictionary<string, object> Options(string environment = "default", string command = "deploy")
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var table in new[] { $"{environment}.global.parameters", $"{environment}.{command}.parameters" })
        {
            foreach (var (key, value) in _tables.GetValueOrDefault(table) ?? [])
            {
                result[key] = value;
            }
        }

        return result;
    }

    /// <summary>The stack name the environment deploys, or null.</summary>
    public string? StackName(string environment = "default") => Options(environment).GetValueOrDefault("stack_name") as string;

    /// <summary>The region the environment deploys to, or null.</summary>
    public string? Region(string environment = "default") => Options(environment).GetValueOrDefault("region") as string;

    /// <summary>
    /// The environment's <c>parameter_overrides</c> as name → value: a string of <c>Key=Value</c> pairs separated by spaces
    /// (values may be quoted) or an array of <c>Key=Value</c> strings, as SAM CLI accepts both.
    /// </summary>
    public IReadOnlyDictionary<string, string> ParameterOverrides(string environment = "default") =>
        Options(environment).GetValueOrDefault("parameter_overrides") switch
        {
            string text => ParseParameterOverrides(text),
            IReadOnlyList<object> items => ParseParameterOverrides(string.Join(' ', items.Select(i => Quote(Convert.ToString(i, CultureInfo.InvariantCulture) ?? "")))),
            _ => new Dictionary<string, string>(StringComparer.Ordinal),
        };

    /// <summary>Parses <c>A=1 B="two words" C=x,y</c> (the <c>--parameter-overrides</c> syntax).</summary>
    public static IReadOnlyDictionary<string, string> ParseParameterOverrides(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in Tokens(text))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new TemplateException("parameter_overrides", $"'{token}' is not Key=Value");
            }

            var key = token[..equals];
            var value = token[(equals + 1)..];
            if (key.StartsWith("ParameterKey=", StringComparison.Ordinal))
            {
                throw new TemplateException("parameter_overrides", "use Key=Value pairs, not the ParameterKey=,ParameterValue= form");
            }

            result[key] = value;
        }

        return result;
    }

    private static string Quote(string item)
    {
        var equals = item.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? item : $"{item[..(equals + 1)]}\"{item[(equals + 1)..].Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>Splits at unquoted whitespace; quotes (single or double) group a value and are removed.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var current = new StringBuilder();
        char? quote = null;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\' && i + 1 < text.Length && text[i + 1] == quote)
                {
                    current.Append(text[++i]);
                }
                else if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                any = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (any || current.Length > 0)
                {
                    yield return current.ToString();
                }

                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
            }
        }

        if (any || current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
