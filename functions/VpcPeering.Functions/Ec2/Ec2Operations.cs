using Amazon.EC2;
using Amazon.EC2.Model;
using VpcPeering.Cidrs;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using DomainAclEntry = VpcPeering.Network.NetworkAclEntry;
using DomainRule = VpcPeering.Network.SecurityGroupRule;

namespace VpcPeering.Functions.Ec2;

/// <summary>The EC2 changes the steps make, each idempotent: what is already there is reported, never changed.</summary>
public sealed class Ec2Operations(IAmazonEC2 ec2, InvocationLog log)
{
    /// <summary>Creates the peering with its tags (one call: the tags come with the request).</summary>
    public async Task<VpcPeeringConnection> CreatePeeringAsync(
        string vpcId, string peerVpcId, string peerOwnerId, string peerRegion, IReadOnlyDictionary<string, string> tags)
    {
        var response = await ec2.CreateVpcPeeringConnectionAsync(new CreateVpcPeeringConnectionRequest
        {
            VpcId = vpcId,
            PeerVpcId = peerVpcId,
            PeerOwnerId = peerOwnerId,
            PeerRegion = peerRegion,
            TagSpecifications =
            [
                new TagSpecification
                {
                    ResourceType = ResourceType.VpcPeeringConnection,
                    Tags = [.. tags.Select(tag => new Tag(tag.Key, tag.Value))],
                },
            ],
        });
        log.Info("peering.created", $"requested peering {vpcId} -> {peerVpcId} ({peerOwnerId}, {peerRegion})",
            response.VpcPeeringConnection.VpcPeeringConnectionId);
        return response.VpcPeeringConnection;
    }

    public async Task DeletePeeringAsync(string peeringConnectionId, string why)
    {
        await ec2.DeleteVpcPeeringConnectionAsync(new DeleteVpcPeeringConnectionRequest { VpcPeeringConnectionId = peeringConnectionId });
        log.Info("peering.deleted", why, peeringConnectionId);
    }

    /// <summary>
    /// Accepts as the accepter; returns the status EC2 reports afterwards, or null when the peering had already left
    /// pending-acceptance (<c>InvalidStateTransition</c>: someone else accepted, rejected or deleted it meanwhile).
    /// </summary>
    public async Task<string?> AcceptPeeringAsync(string peeringConnectionId)
    {
        try
        {
            var response = await ec2.AcceptVpcPeeringConnectionAsync(
                new AcceptVpcPeeringConnectionRequest { VpcPeeringConnectionId = peeringConnectionId });
            var status = response.VpcPeeringConnection?.Status?.Code?.Value ?? PeeringStatus.Provisioning;
            log.Info("peering.accepted", $"accepted; status {status}", peeringConnectionId);
            return status;
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode == "InvalidStateTransition")
        {
            log.Info("peering.accept-skipped", "no longer pending acceptance", peeringConnectionId);
            return null;
        }
    }

    public async Task RejectPeeringAsync(string peeringConnectionId, string why)
    {
        await ec2.RejectVpcPeeringConnectionAsync(new RejectVpcPeeringConnectionRequest { VpcPeeringConnectionId = peeringConnectionId });
        log.Info("peering.rejected", why, peeringConnectionId);
    }

    /// <summary>Sets this side's DNS resolution option (call it as that side's owner, in that side's region).</summary>
    public async Task SetDnsResolutionAsync(string peeringConnectionId, Side side, bool allow)
    {
        var options = new PeeringConnectionOptionsRequest { AllowDnsResolutionFromRemoteVpc = allow };
        var request = new ModifyVpcPeeringConnectionOptionsRequest { VpcPeeringConnectionId = peeringConnectionId };
        if (side == Side.Requester)
        {
            request.RequesterPeeringConnectionOptions = options;
        }
        else
        {
            request.AccepterPeeringConnectionOptions = options;
        }

        await ec2.ModifyVpcPeeringConnectionOptionsAsync(request);
        log.Info("dns.set", $"{side.Name()} AllowDnsResolutionFromRemoteVpc={allow}", peeringConnectionId);
    }

    /// <summary>Adds a route to the peering; a concurrent route to the same peering is fine, anything else a <see cref="RouteConflict"/>.</summary>
    public async Task<bool> CreateRouteAsync(string routeTableId, string destinationCidr, string peeringConnectionId)
    {
        var request = new CreateRouteRequest { RouteTableId = routeTableId, VpcPeeringConnectionId = peeringConnectionId };
        SetDestination(destinationCidr, cidr => request.DestinationCidrBlock = cidr, cidr => request.DestinationIpv6CidrBlock = cidr);
        try
        {
            await ec2.CreateRouteAsync(request);
            log.Info("route.created", $"{routeTableId}: {destinationCidr} -> {peeringConnectionId}", peeringConnectionId);
            return true;
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode == "RouteAlreadyExists")
        {
            var existing = await ExistingRouteTargetAsync(routeTableId, destinationCidr);
            if (existing == peeringConnectionId)
            {
                return false;
            }

            throw RouteConflicts(routeTableId, destinationCidr, existing ?? "another target", peeringConnectionId, ex);
        }
    }

    public static RouteConflict RouteConflicts(string routeTableId, string destinationCidr, string existing, string peeringConnectionId,
        Exception? inner = null) =>
        new($"Route table {routeTableId} already sends {destinationCidr} to {existing}, so it cannot send it to {peeringConnectionId}. " +
            "The tool never replaces a route: remove or narrow that route, or leave the table out of routes.*RouteTables, then run again.",
            inner);

    public async Task DeleteRouteAsync(string routeTableId, string destinationCidr, string peeringConnectionId)
    {
        var request = new DeleteRouteRequest { RouteTableId = routeTableId };
        SetDestination(destinationCidr, cidr => request.DestinationCidrBlock = cidr, cidr => request.DestinationIpv6CidrBlock = cidr);
        await IgnoringNotFound(() => ec2.DeleteRouteAsync(request));
        log.Info("route.deleted", $"{routeTableId}: {destinationCidr}", peeringConnectionId);
    }

    /// <summary>Authorizes every rule on a group in one call; if one turns out to exist already, falls back to one call per rule.</summary>
    public async Task<int> AuthorizeIngressAsync(string groupId, IReadOnlyList<DomainRule> rules, string peeringConnectionId)
    {
        if (rules.Count == 0)
        {
            return 0;
        }

        try
        {
            await ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
            {
                GroupId = groupId,
                IpPermissions = [.. rules.Select(ToPermission)],
            });
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode == "InvalidPermission.Duplicate" && rules.Count > 1)
        {
            var added = 0;
            foreach (var rule in rules)
            {
                added += await AuthorizeIngressAsync(groupId, [rule], peeringConnectionId);
            }

            return added;
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode == "InvalidPermission.Duplicate")
        {
            return 0;
        }

        foreach (var rule in rules)
        {
            log.Info("sg.authorized", $"{groupId}: {Describe(rule)}", peeringConnectionId);
        }

        return rules.Count;
    }

    public async Task RevokeIngressAsync(string groupId, IReadOnlyList<DomainRule> rules, string peeringConnectionId)
    {
        if (rules.Count == 0)
        {
            return;
        }

        await IgnoringNotFound(() => ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest
        {
            GroupId = groupId,
            IpPermissions = [.. rules.Select(ToPermission)],
        }));
        foreach (var rule in rules)
        {
            log.Info("sg.revoked", $"{groupId}: {Describe(rule)}", peeringConnectionId);
        }
    }

    public async Task CreateNetworkAclEntryAsync(string networkAclId, DomainAclEntry entry, string peeringConnectionId)
    {
        var request = new CreateNetworkAclEntryRequest
        {
            NetworkAclId = networkAclId,
            RuleNumber = entry.RuleNumber,
            Egress = entry.Egress,
            Protocol = ProtocolNumber(entry.Protocol),
            RuleAction = entry.Action == NetworkAclAction.Allow ? RuleAction.Allow : RuleAction.Deny,
        };
        SetDestination(entry.Cidr, cidr => request.CidrBlock = cidr, cidr => request.Ipv6CidrBlock = cidr);
        if (entry.FromPort is { } from && entry.ToPort is { } to)
        {
            request.PortRange = new PortRange { From = from, To = to };
        }

        if (request.Protocol is "1" or "58")
        {
            request.IcmpTypeCode = new IcmpTypeCode { Type = -1, Code = -1 };
        }

        await ec2.CreateNetworkAclEntryAsync(request);
        log.Info("nacl.entry.created", $"{networkAclId}: {(entry.Egress ? "egress" : "ingress")} #{entry.RuleNumber} {entry.Protocol} {entry.Cidr}",
            peeringConnectionId);
    }

    public async Task DeleteNetworkAclEntryAsync(string networkAclId, int ruleNumber, bool egress, string peeringConnectionId)
    {
        await IgnoringNotFound(() => ec2.DeleteNetworkAclEntryAsync(
            new DeleteNetworkAclEntryRequest { NetworkAclId = networkAclId, RuleNumber = ruleNumber, Egress = egress }));
        log.Info("nacl.entry.deleted", $"{networkAclId}: {(egress ? "egress" : "ingress")} #{ruleNumber}", peeringConnectionId);
    }

    public Task TagAsync(string resourceId, string key, string value) =>
        ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [resourceId], Tags = [new Tag(key, value)] });

    public Task UntagAsync(string resourceId, string key) =>
        IgnoringNotFound(() => ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [resourceId], Tags = [new Tag { Key = key }] }));

    public static string Describe(DomainRule rule)
    {
        var ports = rule.FromPort is { } from && rule.ToPort is { } to && from >= 0
            ? from == to ? $"/{from}" : $"/{from}-{to}"
            : "";
        var sources = string.Join(",", rule.Ipv4Cidrs.Concat(rule.Ipv6Cidrs).Concat(rule.ReferencedGroupIds));
        return $"{rule.Protocol}{ports} from {sources}";
    }

    private static IpPermission ToPermission(DomainRule rule)
    {
        var permission = new IpPermission { IpProtocol = rule.Protocol, FromPort = rule.FromPort, ToPort = rule.ToPort };
        if (rule.Ipv4Cidrs.Count > 0)
        {
            permission.Ipv4Ranges = [.. rule.Ipv4Cidrs.Select(cidr => new IpRange { CidrIp = cidr, Description = rule.Description })];
        }

        if (rule.Ipv6Cidrs.Count > 0)
        {
            permission.Ipv6Ranges = [.. rule.Ipv6Cidrs.Select(cidr => new Ipv6Range { CidrIpv6 = cidr, Description = rule.Description })];
        }

        if (rule.ReferencedGroupIds.Count > 0)
        {
            permission.UserIdGroupPairs = [.. rule.ReferencedGroupIds.Select(reference => reference.Split('/') is [var owner, var group]
                ? new UserIdGroupPair { UserId = owner, GroupId = group, Description = rule.Description }
                : new UserIdGroupPair { GroupId = reference, Description = rule.Description })];
        }

        return permission;
    }

    /// <summary>EC2 writes NACL protocols as IANA numbers.</summary>
    private static string ProtocolNumber(string protocol) => protocol.ToUpperInvariant() switch
    {
        "TCP" => "6",
        "UDP" => "17",
        "ICMP" => "1",
        "ICMPV6" => "58",
        "ALL" => "-1",
        _ => protocol,
    };

    private static void SetDestination(string cidr, Action<string> ipv4, Action<string> ipv6)
    {
        if (Cidr.Parse(cidr).IsIpv4())
        {
            ipv4(cidr);
        }
        else
        {
            ipv6(cidr);
        }
    }

    private async Task<string?> ExistingRouteTargetAsync(string routeTableId, string destinationCidr)
    {
        var response = await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { RouteTableIds = [routeTableId] });
        var wanted = Cidr.Parse(destinationCidr);
        var route = (response.RouteTables?.FirstOrDefault()?.Routes ?? []).FirstOrDefault(candidate =>
            (candidate.DestinationCidrBlock ?? candidate.DestinationIpv6CidrBlock) is { } text && Cidr.Parse(text) == wanted);
        return route is null
            ? null
            : route.VpcPeeringConnectionId ?? route.GatewayId ?? route.NatGatewayId ?? route.TransitGatewayId ?? route.NetworkInterfaceId
                ?? route.InstanceId ?? route.EgressOnlyInternetGatewayId;
    }

    /// <summary>Cleanup is idempotent: something already gone is what cleanup wanted.</summary>
    private static async Task IgnoringNotFound(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode is { } code
            && (code.EndsWith(".NotFound", StringComparison.Ordinal) || code == "InvalidPermission.NotFound"))
        {
            // already gone
        }
    }
}
