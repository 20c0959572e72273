using Amazon.EC2;
using Amazon.EC2.Model;
using VpcPeering.Network;
using DomainAcl = VpcPeering.Network.NetworkAcl;
using DomainAclEntry = VpcPeering.Network.NetworkAclEntry;
using DomainPeering = VpcPeering.Network.PeeringConnection;
using DomainRoute = VpcPeering.Network.Route;
using DomainRouteTable = VpcPeering.Network.RouteTable;
using DomainSecurityGroup = VpcPeering.Network.SecurityGroup;
using DomainSubnet = VpcPeering.Network.Subnet;
using DomainVpc = VpcPeering.Network.Vpc;
using SecurityGroupRule = VpcPeering.Network.SecurityGroupRule;

namespace VpcPeering.Functions.Ec2;

/// <summary>Which parts of a VPC a step needs described; each part costs one paginated Describe call.</summary>
[Flags]
public enum VpcParts
{
    None = 0,
    RouteTables = 1,
    SecurityGroups = 2,
    Subnets = 4,
    NetworkAcls = 8,
    DnsAttributes = 16,
    All = RouteTables | SecurityGroups | Subnets | NetworkAcls | DnsAttributes,
}

/// <summary>Reads VPCs and peering connections from EC2 into the domain's snapshot records.</summary>
public sealed class NetworkReader(IAmazonEC2 ec2, string region)
{
    private const string Associated = "associated";

    /// <summary>The VPC's own record (DescribeVpcs, plus its DNS attributes when asked).</summary>
    public async Task<DomainVpc> DescribeVpcAsync(string vpcId, bool dnsAttributes) => (await DescribeVpcsAsync([vpcId], dnsAttributes))[0];

    /// <summary>
    /// Several VPCs of this account and region in one DescribeVpcs call, in the order asked. A filter rather than VpcIds,
    /// so that a missing VPC gets a message naming it instead of failing the whole call.
    /// </summary>
    public async Task<IReadOnlyList<DomainVpc>> DescribeVpcsAsync(IReadOnlyList<string> vpcIds, bool dnsAttributes)
    {
        var ids = vpcIds.Distinct(StringComparer.Ordinal).ToList();
        var found = await AllPagesAsync<Amazon.EC2.Model.Vpc>(async next =>
        {
            var response = await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = [new Filter("vpc-id", ids)], NextToken = next });
            return ((IEnumerable<Amazon.EC2.Model.Vpc>?)response.Vpcs ?? [], response.NextToken);
        });
        var vpcs = new List<DomainVpc>();
        foreach (var vpcId in vpcIds)
        {
            var vpc = found.FirstOrDefault(candidate => candidate.VpcId == vpcId)
                ?? throw new Errors.InvalidPeeringRequest(
                    $"VPC {vpcId} does not exist in {region} for these credentials. Check the VPC id, its account and its region.");
            var (dnsSupport, dnsHostnames) = dnsAttributes ? await DnsAttributesAsync(vpcId) : (true, true);
            vpcs.Add(new DomainVpc(
                vpc.OwnerId,
                region,
                vpc.VpcId,
                [.. (vpc.CidrBlockAssociationSet ?? []).Where(block => block.CidrBlockState?.State?.Value == Associated).Select(block => block.CidrBlock)],
                [.. (vpc.Ipv6CidrBlockAssociationSet ?? []).Where(block => block.Ipv6CidrBlockState?.State?.Value == Associated)
                    .Select(block => block.Ipv6CidrBlock)],
                dnsSupport,
                dnsHostnames,
                Tags(vpc.Tags)));
        }

        return vpcs;
    }

    /// <summary>A snapshot with the asked parts; parts not asked for are empty.</summary>
    public async Task<VpcSnapshot> DescribeAsync(DomainVpc vpc, VpcParts parts) => (await DescribeAsync([vpc], parts))[0];

    /// <summary>
    /// Snapshots of several VPCs of this account and region, one paginated call per part for all of them (the
    /// <c>vpc-id</c> filter takes several values), in the order given.
    /// </summary>
    public async Task<IReadOnlyList<VpcSnapshot>> DescribeAsync(IReadOnlyList<DomainVpc> vpcs, VpcParts parts)
    {
        var filter = new List<Filter> { new("vpc-id", [.. vpcs.Select(vpc => vpc.VpcId).Distinct(StringComparer.Ordinal)]) };
        var subnets = parts.HasFlag(VpcParts.Subnets) ? await SubnetsAsync(filter) : [];
        var tables = parts.HasFlag(VpcParts.RouteTables) ? await RouteTablesAsync(filter) : [];
        var groups = parts.HasFlag(VpcParts.SecurityGroups) ? await SecurityGroupsAsync(filter) : [];
        var acls = parts.HasFlag(VpcParts.NetworkAcls) ? await NetworkAclsAsync(filter) : [];
        return [.. vpcs.Select(vpc => new VpcSnapshot(
            vpc,
            Of(subnets, vpc),
            Of(tables, vpc),
            Of(groups, vpc),
            Of(acls, vpc)))];

        static List<T> Of<T>(List<(string VpcId, T Item)> items, DomainVpc vpc) =>
            [.. items.Where(item => item.VpcId == vpc.VpcId).Select(item => item.Item)];
    }

    public async Task<VpcSnapshot> DescribeAsync(string vpcId, VpcParts parts) =>
        await DescribeAsync(await DescribeVpcAsync(vpcId, parts.HasFlag(VpcParts.DnsAttributes)), parts);

    /// <summary>One peering connection by id, or null when EC2 does not know it here.</summary>
    public async Task<DomainPeering?> DescribePeeringAsync(string peeringConnectionId)
    {
        try
        {
            var response = await ec2.DescribeVpcPeeringConnectionsAsync(
                new DescribeVpcPeeringConnectionsRequest { VpcPeeringConnectionIds = [peeringConnectionId] });
            return response.VpcPeeringConnections?.Select(ToDomain).FirstOrDefault(peering => peering.PeeringConnectionId == peeringConnectionId);
        }
        catch (AmazonEC2Exception ex) when (ex.ErrorCode?.StartsWith("InvalidVpcPeeringConnectionID", StringComparison.OrdinalIgnoreCase) == true)
        {
            return null;
        }
    }

    /// <summary>The value of one tag on a resource, or null.</summary>
    public async Task<string?> TagValueAsync(string resourceId, string key)
    {
        var response = await ec2.DescribeTagsAsync(new DescribeTagsRequest
        {
            Filters = [new Filter("resource-id", [resourceId]), new Filter("key", [key])],
        });
        return response.Tags?.FirstOrDefault(tag => tag.ResourceId == resourceId && tag.Key == key)?.Value;
    }

    /// <summary>Every resource of a type carrying the tag key, with the tag's value (all pages).</summary>
    public async Task<Dictionary<string, string>> TaggedAsync(string resourceType, string key) =>
        (await AllPagesAsync(async next =>
        {
            var response = await ec2.DescribeTagsAsync(new DescribeTagsRequest
            {
                Filters = [new Filter("resource-type", [resourceType]), new Filter("key", [key])],
                NextToken = next,
            });
            return ((response.Tags ?? []).Select(tag => (tag.ResourceId, Value: tag.Value ?? "")), response.NextToken);
        })).GroupBy(tag => tag.ResourceId).ToDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal);

    /// <summary>Every tag on resources of a type whose key starts with <paramref name="keyPrefix"/> (all pages).</summary>
    public async Task<List<(string ResourceId, string Key, string Value)>> TagsWithKeyPrefixAsync(string resourceType, string keyPrefix) =>
        [.. (await AllPagesAsync(async next =>
        {
            var response = await ec2.DescribeTagsAsync(
                new DescribeTagsRequest { Filters = [new Filter("resource-type", [resourceType])], NextToken = next });
            return ((response.Tags ?? []).Select(tag => (tag.ResourceId, tag.Key, Value: tag.Value ?? "")), response.NextToken);
        })).Where(tag => tag.Key.StartsWith(keyPrefix, StringComparison.Ordinal))];

    /// <summary>The asked parts across every VPC of the region (route tables, security groups, NACLs; one paginated call each).</summary>
    public async Task<NetworkArtifacts> DescribeRegionAsync(VpcParts parts) =>
        new(
            parts.HasFlag(VpcParts.RouteTables) ? [.. (await RouteTablesAsync([])).Select(found => found.Item)] : [],
            parts.HasFlag(VpcParts.SecurityGroups) ? [.. (await SecurityGroupsAsync([])).Select(found => found.Item)] : [],
            parts.HasFlag(VpcParts.NetworkAcls) ? [.. (await NetworkAclsAsync([])).Select(found => found.Item)] : []);

    /// <summary>Peering connections matching the filters (all pages).</summary>
    public Task<List<DomainPeering>> FindPeeringsAsync(params Filter[] filters) =>
        AllPagesAsync(async next =>
        {
            var response = await ec2.DescribeVpcPeeringConnectionsAsync(
                new DescribeVpcPeeringConnectionsRequest { Filters = [.. filters], NextToken = next });
            return ((response.VpcPeeringConnections ?? []).Select(ToDomain), response.NextToken);
        });

    /// <summary>Follows NextToken until the last page.</summary>
    private static async Task<List<T>> AllPagesAsync<T>(Func<string?, Task<(IEnumerable<T> Items, string? Next)>> page)
    {
        var items = new List<T>();
        string? next = null;
        do
        {
            var (found, token) = await page(next);
            items.AddRange(found);
            next = token;
        }
        while (!string.IsNullOrEmpty(next));

        return items;
    }

    public static DomainPeering ToDomain(VpcPeeringConnection peering) =>
        new(
            peering.VpcPeeringConnectionId,
            peering.Status?.Code?.Value ?? "",
            Side(peering.RequesterVpcInfo),
            Side(peering.AccepterVpcInfo),
            Tags(peering.Tags));

    private static PeeringVpcInfo Side(VpcPeeringConnectionVpcInfo? info) =>
        new(
            info?.OwnerId ?? "",
            info?.Region ?? "",
            info?.VpcId ?? "",
            [.. (info?.CidrBlockSet ?? []).Select(block => block.Cidr)
                .DefaultIfEmpty(info?.CidrBlock).OfType<string>()],
            [.. (info?.Ipv6CidrBlockSet ?? []).Select(block => block.Value)],
            info?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc ?? false);

    private async Task<(bool Support, bool Hostnames)> DnsAttributesAsync(string vpcId)
    {
        var support = await ec2.DescribeVpcAttributeAsync(new DescribeVpcAttributeRequest { VpcId = vpcId, Attribute = VpcAttributeName.EnableDnsSupport });
        var hostnames = await ec2.DescribeVpcAttributeAsync(
            new DescribeVpcAttributeRequest { VpcId = vpcId, Attribute = VpcAttributeName.EnableDnsHostnames });
        return (support.EnableDnsSupport ?? false, hostnames.EnableDnsHostnames ?? false);
    }

    private Task<List<(string VpcId, DomainSubnet Item)>> SubnetsAsync(List<Filter> filter) =>
        AllPagesAsync(async next =>
        {
            var response = await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = filter, NextToken = next });
            return ((response.Subnets ?? []).Select(subnet => (subnet.VpcId, new DomainSubnet(
                subnet.SubnetId,
                subnet.CidrBlock,
                (subnet.Ipv6CidrBlockAssociationSet ?? []).FirstOrDefault(block => block.Ipv6CidrBlockState?.State?.Value == Associated)?.Ipv6CidrBlock,
                subnet.AvailabilityZone ?? ""))), response.NextToken);
        });

    private Task<List<(string VpcId, DomainRouteTable Item)>> RouteTablesAsync(List<Filter> filter) =>
        AllPagesAsync(async next =>
        {
            var response = await ec2.DescribeRouteTablesAsync(new DescribeRouteTablesRequest { Filters = filter, NextToken = next });
            return ((response.RouteTables ?? []).Select(table => (table.VpcId, new DomainRouteTable(
                table.RouteTableId,
                (table.Associations ?? []).Any(association => association.Main == true),
                [.. (table.Associations ?? []).Select(association => association.SubnetId).OfType<string>()],
                [.. (table.Routes ?? []).Select(ToDomain).OfType<DomainRoute>()],
                Tags(table.Tags)))), response.NextToken);
        });

    private static DomainRoute? ToDomain(Amazon.EC2.Model.Route route)
    {
        var destination = route.DestinationCidrBlock ?? route.DestinationIpv6CidrBlock;
        if (destination is null)
        {
            return null; // prefix-list routes carry no CIDR; they never match a peer block exactly
        }

        var target = route switch
        {
            { VpcPeeringConnectionId: { } id } => new RouteTarget(RouteTargetKind.PeeringConnection, id),
            { GatewayId: "local" } => RouteTarget.Local,
            { GatewayId: { } id } => new RouteTarget(RouteTargetKind.Gateway, id),
            { NatGatewayId: { } id } => new RouteTarget(RouteTargetKind.NatGateway, id),
            { TransitGatewayId: { } id } => new RouteTarget(RouteTargetKind.TransitGateway, id),
            { EgressOnlyInternetGatewayId: { } id } => new RouteTarget(RouteTargetKind.EgressOnlyInternetGateway, id),
            { NetworkInterfaceId: { } id } => new RouteTarget(RouteTargetKind.NetworkInterface, id),
            { InstanceId: { } id } => new RouteTarget(RouteTargetKind.Instance, id),
            _ => new RouteTarget(RouteTargetKind.Other, "unknown"),
        };
        var state = route.State?.Value == "blackhole" ? Network.RouteState.Blackhole : Network.RouteState.Active;
        return new DomainRoute(destination, target, state);
    }

    private Task<List<(string VpcId, DomainSecurityGroup Item)>> SecurityGroupsAsync(List<Filter> filter) =>
        AllPagesAsync(async next =>
        {
            var response = await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = filter, NextToken = next });
            return ((response.SecurityGroups ?? []).Select(group => (group.VpcId, new DomainSecurityGroup(
                group.GroupId,
                group.GroupName ?? "",
                [.. (group.IpPermissions ?? []).SelectMany(ToRules)],
                [.. (group.IpPermissionsEgress ?? []).SelectMany(ToRules)],
                Tags(group.Tags)))), response.NextToken);
        });

    /// <summary>One domain rule per source, so each keeps its own description (EC2 describes per range).</summary>
    public static IEnumerable<SecurityGroupRule> ToRules(IpPermission permission)
    {
        var protocol = permission.IpProtocol ?? "-1";
        var (from, to) = (permission.FromPort, permission.ToPort);
        foreach (var range in permission.Ipv4Ranges ?? [])
        {
            yield return new SecurityGroupRule(protocol, from, to, [range.CidrIp], [], [], range.Description);
        }

        foreach (var range in permission.Ipv6Ranges ?? [])
        {
            yield return new SecurityGroupRule(protocol, from, to, [], [range.CidrIpv6], [], range.Description);
        }

        foreach (var pair in permission.UserIdGroupPairs ?? [])
        {
            var reference = pair.UserId is { Length: > 0 } owner ? $"{owner}/{pair.GroupId}" : pair.GroupId;
            yield return new SecurityGroupRule(protocol, from, to, [], [], [reference], pair.Description);
        }
    }

    private Task<List<(string VpcId, DomainAcl Item)>> NetworkAclsAsync(List<Filter> filter) =>
        AllPagesAsync(async next =>
        {
            var response = await ec2.DescribeNetworkAclsAsync(new DescribeNetworkAclsRequest { Filters = filter, NextToken = next });
            return ((response.NetworkAcls ?? []).Select(acl => (acl.VpcId, new DomainAcl(
                acl.NetworkAclId,
                acl.IsDefault ?? false,
                [.. (acl.Associations ?? []).Select(association => association.SubnetId).OfType<string>()],
                [.. (acl.Entries ?? []).Select(entry => new DomainAclEntry(
                    entry.RuleNumber ?? DomainAcl.DefaultRuleNumber,
                    entry.Egress ?? false,
                    entry.Protocol ?? "-1",
                    entry.PortRange?.From,
                    entry.PortRange?.To,
                    entry.CidrBlock ?? entry.Ipv6CidrBlock ?? "",
                    entry.RuleAction?.Value == "deny" ? NetworkAclAction.Deny : NetworkAclAction.Allow))]))), response.NextToken);
        });

    /// <summary>Tags as a dictionary (EC2 keys are unique per resource).</summary>
    public static Dictionary<string, string> Tags(IEnumerable<Tag>? tags) =>
        (tags ?? []).GroupBy(tag => tag.Key).ToDictionary(group => group.Key, group => group.Last().Value ?? "", StringComparer.Ordinal);
}
