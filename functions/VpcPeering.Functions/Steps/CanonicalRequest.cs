using System.Text.Json;
using VpcPeering.Functions.Errors;
using VpcPeering.Network;
using VpcPeering.Requests;
using VpcPeering.Requests.Json;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// The request as it travels between steps: the request JSON with every default filled in. Each step reads it
/// back through the domain's reader, so a hand-edited execution input is validated like the first one.
/// </summary>
public static class CanonicalRequest
{
    public static PeeringRequest Read(JsonElement? request)
    {
        if (request is not { ValueKind: JsonValueKind.Object } element)
        {
            throw new InvalidPeeringRequest("The step needs the canonical request in \"request\"; run ResolveRequest first.");
        }

        return PeeringRequestReader.Read(element.GetRawText()).GetValueOrThrow();
    }

    public static JsonElement Write(PeeringRequest request) =>
        JsonSerializer.SerializeToElement(ToDocument(request), PeeringJsonContext.Default.PeeringRequestDocument);

    /// <summary>The document that reads back into <paramref name="request"/> (the domain has the reading direction only).</summary>
    public static PeeringRequestDocument ToDocument(PeeringRequest request) =>
        new(
            RequestId: request.RequestId,
            Name: request.Name,
            Requester: new VpcDocument(request.Requester.VpcId, request.Requester.Region, request.Requester.AccountId),
            Accepter: new VpcDocument(
                request.Accepter.VpcId, request.Accepter.Region, request.Accepter.AccountId, request.Accepter.RoleArn, request.Accepter.ExternalId),
            Routes: new RoutesDocument(
                request.Routes.RequesterRouteTables, request.Routes.AccepterRouteTables, request.Routes.Cidrs, request.Routes.Exclude),
            SecurityGroups: [.. request.SecurityGroups.Select(ToDocument)],
            AllowAllTraffic: request.AllowAllTraffic ? true : null,
            NetworkAcls: request.NetworkAcls == NetworkAclMode.Update ? "update" : "verify",
            Dns: new DnsDocument(request.Dns.RequesterResolvesAccepter, request.Dns.AccepterResolvesRequester),
            DryRun: request.DryRun);

    private static SecurityGroupGrantDocument ToDocument(SecurityGroupGrant grant) =>
        new(
            Side: grant.Side.Name(),
            GroupIds: grant.Groups is SecurityGroupSelection.ByIds ids ? ids.GroupIds : null,
            Tags: grant.Groups is SecurityGroupSelection.ByTags tags ? tags.Tags : null,
            DefaultGroup: grant.Groups is SecurityGroupSelection.DefaultGroup ? true : null,
            Ports: [.. grant.Ports.Select(port => port.ToString())],
            PeerGroupIds: grant.PeerGroupIds.Count > 0 ? grant.PeerGroupIds : null,
            Description: grant.Description);
}
