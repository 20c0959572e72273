namespace VpcPeering.Requests.Json;

public sealed record RoutesDocument(
    RouteTableSelection? RequesterRouteTables = null,
    RouteTableSelection? AccepterRouteTables = null,
    CidrSelection? Cidrs = null,
    IReadOnlyList<string>? Exclude = null);
