using System.Net;

namespace VpcPeering.Cidrs;

/// <summary>An immutable set of addresses kept as disjoint CIDR blocks.</summary>
public sealed class CidrSet
{
    private readonly IReadOnlyList<IPNetwork> _blocks;

    private CidrSet(IReadOnlyList<IPNetwork> blocks) => _blocks = blocks;

    public static CidrSet Empty { get; } = new([]);

    public IReadOnlyList<IPNetwork> Blocks => _blocks;

    public bool IsEmpty => _blocks.Count == 0;

    /// <summary>A set of the given blocks; overlapping blocks are merged by dropping the contained ones.</summary>
    public static CidrSet Of(IEnumerable<IPNetwork> blocks)
    {
        var result = Empty;
        foreach (var block in blocks)
        {
            result = result.Union(block);
        }

        return result;
    }

    public static CidrSet Of(params IPNetwork[] blocks) => Of((IEnumerable<IPNetwork>)blocks);

    public CidrSet Union(IPNetwork block) =>
        _blocks.Any(existing => existing.ContainsNetwork(block))
            ? this
            : new CidrSet([.. _blocks.Where(existing => !block.ContainsNetwork(existing)), block]);

    public CidrSet Subtract(IPNetwork removed) => new([.. _blocks.SelectMany(block => block.Subtract(removed))]);

    public CidrSet Subtract(IEnumerable<IPNetwork> removed) => removed.Aggregate(this, (set, block) => set.Subtract(block));

    public CidrSet Intersect(IPNetwork other) =>
        new([.. _blocks.Select(block => block.Intersect(other)).OfType<IPNetwork>()]);

    public bool Overlaps(IPNetwork other) => _blocks.Any(block => block.Overlaps(other));

    public override string ToString() => string.Join(", ", _blocks.OrderBy(block => block.ToString(), StringComparer.Ordinal));
}
