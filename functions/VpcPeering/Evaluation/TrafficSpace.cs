using System.Net;
using VpcPeering.Cidrs;
using VpcPeering.Requests;

namespace VpcPeering.Evaluation;

/// <summary>
/// A set of (remote address, port) pairs, kept as disjoint boxes. Rules are applied by subtracting what they
/// match, so a verdict holds for every address and port of the traffic, not just a sample.
/// </summary>
internal sealed class TrafficSpace
{
    private readonly IReadOnlyList<(IPNetwork Cidr, PortRange Ports)> _boxes;

    private TrafficSpace(IReadOnlyList<(IPNetwork, PortRange)> boxes) => _boxes = boxes;

    public bool IsEmpty => _boxes.Count == 0;

    public static TrafficSpace Of(CidrSet addresses, PortRange ports) => new([.. addresses.Blocks.Select(block => (block, ports))]);

    /// <param name="cidr">The rule's block; null matches every address (e.g. a security group reference).</param>
    public bool Overlaps(IPNetwork? cidr, PortRange ports) =>
        _boxes.Any(box => box.Ports.Overlaps(ports) && (cidr is not { } block || box.Cidr.Overlaps(block)));

    public TrafficSpace Subtract(IPNetwork? cidr, PortRange ports) => new([.. _boxes.SelectMany(box => Subtract(box, cidr, ports))]);

    private static IEnumerable<(IPNetwork, PortRange)> Subtract((IPNetwork Cidr, PortRange Ports) box, IPNetwork? cidr, PortRange ports)
    {
        if (!box.Ports.Overlaps(ports) || (cidr is { } block && !box.Cidr.Overlaps(block)))
        {
            return [box];
        }

        var inside = cidr is { } c ? box.Cidr.Intersect(c)!.Value : box.Cidr;
        var outsideAddresses = cidr is { } removed ? box.Cidr.Subtract(removed) : [];
        var outsidePorts = new[]
        {
            new PortRange(box.Ports.From, Math.Min(box.Ports.To, ports.From - 1)),
            new PortRange(Math.Max(box.Ports.From, ports.To + 1), box.Ports.To),
        }.Where(range => range.From <= range.To);
        return outsideAddresses.Select(address => (address, box.Ports)).Concat(outsidePorts.Select(range => (inside, range)));
    }
}
