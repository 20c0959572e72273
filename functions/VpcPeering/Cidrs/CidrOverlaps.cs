namespace VpcPeering.Cidrs;

/// <summary>VPCs can only peer when none of their IPv4 or IPv6 blocks overlap.</summary>
public static class CidrOverlaps
{
    /// <summary>Every overlapping pair between two VPCs' blocks (any family; families never overlap each other).</summary>
    public static IReadOnlyList<CidrOverlap> Find(IEnumerable<string> requesterBlocks, IEnumerable<string> accepterBlocks)
    {
        var accepter = accepterBlocks.Select(text => (Text: text, Network: Cidr.Parse(text))).ToList();
        return requesterBlocks
            .Select(text => (Text: text, Network: Cidr.Parse(text)))
            .SelectMany(requester => accepter
                .Where(candidate => requester.Network.Overlaps(candidate.Network))
                .Select(candidate => new CidrOverlap(requester.Text, candidate.Text)))
            .ToList();
    }
}
