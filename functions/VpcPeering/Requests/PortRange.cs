namespace VpcPeering.Requests;

/// <summary>An inclusive port range.</summary>
public readonly record struct PortRange(int From, int To)
{
    public static PortRange All { get; } = new(0, PortSpec.MaxPort);

    public bool Contains(PortRange other) => From <= other.From && other.To <= To;

    public bool Overlaps(PortRange other) => From <= other.To && other.From <= To;

    public override string ToString() => From == To ? $"{From}" : $"{From}-{To}";
}
