using static LocalCloud.Ec2.Protocol.Ec2RequestReader;
using static LocalCloud.Ec2.Protocol.Ec2Xml;

namespace LocalCloud.Ec2.Protocol;

public sealed partial class Ec2QueryProtocol
{
    private void RegisterPeeringActions()
    {
        Add("CreateVpcPeeringConnection", (p, s) => [E("vpcPeeringConnection", Peering(s, _model.CreateVpcPeeringConnection(
            s, p.Required("VpcId"), p.Required("PeerVpcId"), p.Get("PeerOwnerId"), p.Get("PeerRegion"), TagSpecifications(p, "vpc-peering-connection"))))]);
        Add("DescribeVpcPeeringConnections", (p, s) =>
            Paged("vpcPeeringConnectionSet", _model.DescribeVpcPeeringConnections(s, Query(p, "VpcPeeringConnectionId")), x => Peering(s, x)));
        Add("AcceptVpcPeeringConnection", (p, s) =>
            [E("vpcPeeringConnection", Peering(s, _model.AcceptVpcPeeringConnection(s, p.Required("VpcPeeringConnectionId"))))]);
        Add("RejectVpcPeeringConnection", (p, s) =>
        {
            _model.RejectVpcPeeringConnection(s, p.Required("VpcPeeringConnectionId"));
            return Return();
        });
        Add("DeleteVpcPeeringConnection", (p, s) =>
        {
            _model.DeleteVpcPeeringConnection(s, p.Required("VpcPeeringConnectionId"));
            return Return();
        });
        Add("ModifyVpcPeeringConnectionOptions", (p, s) =>
        {
            var requester = p.GetBool("RequesterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc");
            var accepter = p.GetBool("AccepterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc");
            var pcx = _model.ModifyVpcPeeringConnectionOptions(s, p.Required("VpcPeeringConnectionId"), requester, accepter);
            return
            [
                requester is null ? null : PeeringOptions("requesterPeeringConnectionOptions", pcx.Requester),
                accepter is null ? null : PeeringOptions("accepterPeeringConnectionOptions", pcx.Accepter),
            ];
        });

        Add("CreateTags", (p, s) =>
        {
            _model.CreateTags(s, p.List("ResourceId"), [.. Tags(p, "Tag").Select(t => KeyValuePair.Create(t.Key, t.Value ?? ""))]);
            return Return();
        });
        Add("DeleteTags", (p, s) =>
        {
            _model.DeleteTags(s, p.List("ResourceId"), Tags(p, "Tag"));
            return Return();
        });
        Add("DescribeTags", (p, s) => Paged("tagSet", _model.DescribeTags(s, Query(p, "")), t => (IEnumerable<object?>)
            [E("resourceId", t.ResourceId), E("resourceType", t.ResourceType), E("key", t.Key), E("value", t.Value)]));
    }

    private IEnumerable<object?> Peering(Ec2Scope scope, VpcPeeringConnection pcx)
    {
        var status = _model.StatusOf(pcx);
        return
        [
            E("vpcPeeringConnectionId", pcx.Id),
            PeeringSide("requesterVpcInfo", pcx, pcx.Requester),
            PeeringSide("accepterVpcInfo", pcx, pcx.Accepter),
            E("status", E("code", status.Code), E("message", status.Message)),
            status.Code is "initiating-request" or "pending-acceptance" ? Time("expirationTime", pcx.ExpirationTime) : null,
            TagSet(_model.TagsOf(scope.AccountId, pcx.Id)),
        ];
    }

    private System.Xml.Linq.XElement PeeringSide(string name, VpcPeeringConnection pcx, PeeringSide side)
    {
        var cidrs = _model.CidrsOf(pcx, side);
        var ipv6 = _model.CidrsOf(pcx, side, ipv6: true);
        return E(name,
            E("ownerId", side.OwnerId),
            E("vpcId", side.VpcId),
            E("region", side.Region),
            cidrs.Count > 0 ? E("cidrBlock", cidrs[0]) : null,
            cidrs.Count > 0 ? Set("cidrBlockSet", cidrs, c => [E("cidrBlock", c)]) : null,
            ipv6.Count > 0 ? Set("ipv6CidrBlockSet", ipv6, c => [E("ipv6CidrBlock", c)]) : null,
            pcx.AcceptedAt is null ? null : PeeringOptions("peeringOptions", side));
    }

    private static System.Xml.Linq.XElement PeeringOptions(string name, PeeringSide side) => E(name,
        Bool("allowDnsResolutionFromRemoteVpc", side.AllowDnsResolutionFromRemoteVpc),
        Bool("allowEgressFromLocalClassicLinkToRemoteVpc", false),
        Bool("allowEgressFromLocalVpcToRemoteClassicLink", false));
}
