using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Planning;

internal static class SecurityGroupSelector
{
    /// <param name="path">The path of the grant.</param>
    public static IReadOnlyList<SecurityGroup> Select(VpcSnapshot vpc, SecurityGroupSelection selection, string path, ProblemList problems)
    {
        var selector = new ResourceSelector<SecurityGroup>(vpc.SecurityGroups, group => group.GroupId, group => group.Tags,
            "security group", vpc.Vpc.VpcId);
        switch (selection)
        {
            case SecurityGroupSelection.ByIds ids:
                return selector.ByIds(ids.GroupIds, $"{path}.groupIds", problems);
            case SecurityGroupSelection.ByTags byTags:
                return selector.ByTags(byTags.Tags, $"{path}.tags", problems);
            default:
                var defaults = vpc.SecurityGroups.Where(group => group.GroupName == "default").ToList();
                if (defaults.Count == 0)
                {
                    problems.Add($"{path}.defaultGroup", $"{vpc.Vpc.VpcId} has no security group named default",
                        "groupIds or tags instead");
                }

                return defaults;
        }
    }
}
