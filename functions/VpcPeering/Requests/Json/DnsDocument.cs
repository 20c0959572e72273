namespace VpcPeering.Requests.Json;

public sealed record DnsDocument(bool? RequesterResolvesAccepter = null, bool? AccepterResolvesRequester = null);
