namespace VpcPeering.Network;

/// <summary>A route table with its explicit subnet associations.</summary>
/// <param name="IsMain">The main table serves every subnet without an explicit association.</param>
/// <param name="SubnetIds">Subnets explicitly associated with this table.</param>
public sealed record RouteTable(
    string RouteTableId,
    bool IsMain,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<Route> Routes,
    IReadOnlyDictionary<string, string> Tags);
