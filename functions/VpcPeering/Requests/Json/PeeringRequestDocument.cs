namespace VpcPeering.Requests.Json;

/// <summary>The request as written in JSON (DESIGN §3); every field optional here so that validation can say what is missing.</summary>
public sealed record PeeringRequestDocument(
    string? RequestId = null,
    string? Name = null,
    VpcDocument? Requester = null,
    VpcDocument? Accepter = null,
    RoutesDocument? Routes = null,
    IReadOnlyList<SecurityGroupGrantDocument>? SecurityGroups = null,
    bool? AllowAllTraffic = null,
    string? NetworkAcls = null,
    DnsDocument? Dns = null,
    bool? DryRun = null);
