namespace VpcPeering.Requests;

/// <summary>
/// Collects problems during one validation. Values already reported while reading (wrong JSON types) are not
/// reported again, nor is anything under them: the reader removed them, so "is required" would only repeat it.
/// </summary>
internal sealed class ProblemList(IEnumerable<Problem>? alreadyReported = null)
{
    private readonly List<Problem> _problems = [.. alreadyReported ?? []];
    private readonly List<string> _reportedPaths = [.. (alreadyReported ?? []).Select(problem => problem.Path)];

    public IReadOnlyList<Problem> All => _problems;

    public bool IsEmpty => _problems.Count == 0;

    public void Add(string path, string message, string expected)
    {
        var problem = new Problem(path, message, expected);
        if (!_problems.Contains(problem) && !_reportedPaths.Any(reported => path == reported
            || path.StartsWith(reported + ".", StringComparison.Ordinal) || path.StartsWith(reported + "[", StringComparison.Ordinal)))
        {
            _problems.Add(problem);
        }
    }

    /// <summary>A required string: reports when missing or not of the expected shape.</summary>
    public string Require(string? value, string path, Func<string, bool> isValid, string expected)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "is required", expected);
            return "";
        }

        Check(value, path, isValid, expected);
        return value;
    }

    /// <summary>An optional string: reports only when present and not of the expected shape.</summary>
    public string? Optional(string? value, string path, Func<string, bool> isValid, string expected)
    {
        if (value is not null)
        {
            Check(value, path, isValid, expected);
        }

        return value;
    }

    private void Check(string value, string path, Func<string, bool> isValid, string expected)
    {
        if (!isValid(value))
        {
            Add(path, $"'{value}' is not valid", expected);
        }
    }
}
