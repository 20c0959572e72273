namespace VpcPeering.Requests;

/// <summary>Security groups chosen by ids, by a tag filter, or the VPC's default group.</summary>
public abstract record SecurityGroupSelection
{
    public static SecurityGroupSelection Default { get; } = new DefaultGroup();

    public sealed record DefaultGroup : SecurityGroupSelection;

    public sealed record ByIds(IReadOnlyList<string> GroupIds) : SecurityGroupSelection;

    public sealed record ByTags(IReadOnlyDictionary<string, string> Tags) : SecurityGroupSelection;
}
