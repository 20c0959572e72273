using System.Text.Json;
using VpcPeering.Network;
using VpcPeering.Requests.Json;

namespace VpcPeering.Requests;

/// <summary>
/// Writes a validated request back as request JSON: the canonical form passed between workflow steps, which
/// <see cref="PeeringRequestReader"/> reads back to the same request.
/// </summary>
public static class PeeringRequestWriter
{
    public static string Write(PeeringRequest request) =>
        JsonSerializer.Serialize(ToDocument(request), PeeringJsonContext.Default.PeeringRequestDocument);

    public static PeeringRequestDocument ToDocument(PeeringRequest request) => new(
        request.RequestId,
        request.Name,
        new VpcDocument(request.Requester.VpcId, request.Requester.Region, request.Requester.AccountId),
        new VpcDocument(request.Accepter.VpcId, request.Accepter.Region, request.Accepter.AccountId, request.Accepter.RoleArn,
            request.Accepter.ExternalId),
        new RoutesDocument(request.Routes.RequesterRouteTables, request.Routes.AccepterRouteTables, request.Routes.Cidrs,
            request.Routes.Exclude),
        [.. request.SecurityGroups.Select(ToDocument)],
        request.AllowAllTraffic,
        request.NetworkAcls == NetworkAclMode.Update ? "update" : "verify",
        new DnsDocument(request.Dns.RequesterResolvesAccepter, request.Dns.AccepterResolvesRequester),
        request.DryRun);

    private static SecurityGroupGrantDocument ToDocument(SecurityGroupGrant grant) => new(
        grant.Side.Name(),
        grant.Groups is SecurityGroupSelection.ByIds ids ? ids.GroupIds : null,
        grant.Groups is SecurityGroupSelection.ByTags tags ? tags.Tags : null,
        grant.Groups is SecurityGroupSelection.DefaultGroup ? true : null,
        Ports: [.. grant.Ports.Select(port => port.ToString())],
        PeerGroupIds: grant.PeerGroupIds.Count > 0 ? grant.PeerGroupIds : null,
        Description: grant.Description);
}
