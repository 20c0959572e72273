namespace VpcPeering.Requests;

/// <summary>Private DNS resolution across the peering.</summary>
/// <param name="RequesterResolvesAccepter">Requester instances resolve the accepter's public hostnames to private IPs.</param>
/// <param name="AccepterResolvesRequester">Accepter instances resolve the requester's public hostnames to private IPs.</param>
public sealed record DnsOptions(bool RequesterResolvesAccepter, bool AccepterResolvesRequester)
{
    public static DnsOptions None { get; } = new(false, false);
}
