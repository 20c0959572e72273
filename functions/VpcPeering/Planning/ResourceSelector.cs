using VpcPeering.Requests;

namespace VpcPeering.Planning;

/// <summary>Picks a VPC's resources (route tables, security groups) by id list or by tag filter, reporting what matches nothing.</summary>
/// <param name="what">How problems name the resource, e.g. "route table".</param>
internal sealed class ResourceSelector<T>(
    IReadOnlyList<T> resources, Func<T, string> idOf, Func<T, IReadOnlyDictionary<string, string>> tagsOf, string what, string vpcId)
{
    /// <param name="path">The path of the id list; each unknown id is reported at its index.</param>
    public IReadOnlyList<T> ByIds(IReadOnlyList<string> ids, string path, ProblemList problems)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (!resources.Any(resource => idOf(resource) == ids[i]))
            {
                problems.Add($"{path}[{i}]", $"{what} {ids[i]} is not in {vpcId}", $"one of {string.Join(", ", resources.Select(idOf))}");
            }
        }

        return [.. resources.Where(resource => ids.Contains(idOf(resource)))];
    }

    /// <param name="path">The path of the tag filter.</param>
    public IReadOnlyList<T> ByTags(IReadOnlyDictionary<string, string> filter, string path, ProblemList problems)
    {
        var tagged = resources.Where(resource => TagFilter.Matches(tagsOf(resource), filter)).ToList();
        if (tagged.Count == 0)
        {
            problems.Add(path, $"no {what} in {vpcId} has these tags", $"a filter matching at least one {what}");
        }

        return tagged;
    }
}
