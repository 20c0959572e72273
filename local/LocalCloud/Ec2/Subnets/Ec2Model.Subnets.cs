using System.Globalization;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

public sealed partial class Ec2Model
{
    /// <summary>CreateSubnet: inside one of the VPC's IPv4 blocks (/16 to /28), not overlapping another subnet.</summary>
    public Subnet CreateSubnet(
        Ec2Scope scope,
        string vpcId,
        string cidrBlock,
        string? availabilityZone = null,
        string? ipv6CidrBlock = null,
        IReadOnlyList<KeyValuePair<string, string>>? tags = null) => Locked(() =>
    {
        var vpc = FindVpc(scope, vpcId);
        var network = Cidr.ParseV4(cidrBlock, "cidrBlock");
        if (network.PrefixLength is < 16 or > 28 || !vpc.CidrBlocks.Any(c => Cidr.Within(cidrBlock, c.CidrBlock)))
        {
            throw Error("InvalidSubnet.Range", $"The CIDR '{cidrBlock}' is invalid.");
        }

        if (_state.Subnets.Any(s => s.VpcId == vpcId && Cidr.Overlaps(s.CidrBlock, cidrBlock)))
        {
            throw Error("InvalidSubnet.Conflict", $"The CIDR '{cidrBlock}' conflicts with another subnet");
        }

        if (_state.Subnets.Count(s => s.VpcId == vpcId) >= Options.SubnetsPerVpc)
        {
            throw Error("SubnetLimitExceeded", "The maximum number of subnets has been reached.");
        }

        var zone = availabilityZone ?? scope.Region + "a";
        if (!zone.StartsWith(scope.Region, StringComparison.Ordinal) || zone.Length != scope.Region.Length + 1 || !char.IsAsciiLetterLower(zone[^1]))
        {
            throw Error("InvalidParameterValue",
                $"Value ({zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: {scope.Region}a, {scope.Region}b, {scope.Region}c.");
        }

        VpcCidrBlock? ipv6 = null;
        if (ipv6CidrBlock is not null)
        {
            var v6 = Cidr.ParseV6(ipv6CidrBlock, "ipv6CidrBlock");
            if (v6.PrefixLength != 64 || !vpc.Ipv6CidrBlocks.Any(c => Cidr.Within(ipv6CidrBlock, c.CidrBlock)))
            {
                throw Error("InvalidSubnet.Range", $"The IPv6 CIDR '{ipv6CidrBlock}' is invalid.");
            }

            if (_state.Subnets.Any(s => s.VpcId == vpcId && s.Ipv6CidrBlock is { } b && Cidr.Overlaps(b.CidrBlock, ipv6CidrBlock)))
            {
                throw Error("InvalidSubnet.Conflict", $"The CIDR '{ipv6CidrBlock}' conflicts with another subnet");
            }

            ipv6 = new VpcCidrBlock { AssociationId = NewId("subnet-cidr-assoc"), CidrBlock = ipv6CidrBlock };
        }

        var subnet = new Subnet
        {
            Id = NewId("subnet"),
            OwnerId = scope.AccountId,
            Region = scope.Region,
            VpcId = vpcId,
            CidrBlock = cidrBlock,
            Ipv6CidrBlock = ipv6,
            AvailabilityZone = zone,
            AvailabilityZoneId = ZoneId(zone),
        };
        _state.Subnets.Add(subnet);
        ApplyCreationTags(scope, subnet.Id, tags);
        var defaultAcl = _state.NetworkAcls.First(a => a.VpcId == vpcId && a.IsDefault);
        defaultAcl.Associations.Add(new NetworkAclAssociation { Id = NewId("aclassoc"), SubnetId = subnet.Id });
        return subnet;
    });

    /// <summary>DescribeSubnets with AWS's filters (availability-zone, cidr-block, subnet-id, vpc-id, tags, …).</summary>
    public Ec2Page<Subnet> DescribeSubnets(Ec2Scope scope, DescribeQuery query) => Locked(() =>
        Describe(_state.Subnets.Where(s => s.In(scope)), query, Ec2IdKind.Subnet, s => s.Id, scope, SubnetFilters));

    /// <summary>DeleteSubnet: also ends its route table and network ACL associations.</summary>
    public void DeleteSubnet(Ec2Scope scope, string subnetId) => Locked(() =>
    {
        var subnet = FindSubnet(scope, subnetId);
        foreach (var table in _state.RouteTables.Where(r => r.VpcId == subnet.VpcId))
        {
            table.Associations.RemoveAll(a => a.SubnetId == subnetId);
        }

        foreach (var acl in _state.NetworkAcls.Where(a => a.VpcId == subnet.VpcId))
        {
            acl.Associations.RemoveAll(a => a.SubnetId == subnetId);
        }

        _state.Subnets.Remove(subnet);
    });

    /// <summary><c>us-east-1a</c> → <c>use1-az1</c>.</summary>
    private static string ZoneId(string zone)
    {
        var parts = zone[..^1].Split('-');
        var code = parts[0] + string.Concat(parts.Skip(1).SkipLast(1).Select(p => p[0])) + parts[^1];
        return string.Create(CultureInfo.InvariantCulture, $"{code}-az{zone[^1] - 'a' + 1}");
    }

    private static readonly FilterSet<Subnet> SubnetFilters = new()
    {
        ["availability-zone"] = s => [s.AvailabilityZone],
        ["availabilityZone"] = s => [s.AvailabilityZone],
        ["availability-zone-id"] = s => [s.AvailabilityZoneId],
        ["availabilityZoneId"] = s => [s.AvailabilityZoneId],
        ["available-ip-address-count"] = s => [s.AvailableIpAddressCount.ToString(CultureInfo.InvariantCulture)],
        ["cidr"] = s => [s.CidrBlock],
        ["cidr-block"] = s => [s.CidrBlock],
        ["cidrBlock"] = s => [s.CidrBlock],
        ["default-for-az"] = s => ["false"],
        ["defaultForAz"] = s => ["false"],
        ["ipv6-cidr-block-association.ipv6-cidr-block"] = s => s.Ipv6CidrBlock is { } b ? [b.CidrBlock] : [],
        ["ipv6-cidr-block-association.association-id"] = s => s.Ipv6CidrBlock is { } b ? [b.AssociationId] : [],
        ["ipv6-cidr-block-association.state"] = s => s.Ipv6CidrBlock is { } b ? [b.State] : [],
        ["map-public-ip-on-launch"] = s => [FilterEngine.Bool(s.MapPublicIpOnLaunch)],
        ["owner-id"] = s => [s.OwnerId],
        ["state"] = s => [s.State],
        ["subnet-arn"] = s => [s.Arn],
        ["subnet-id"] = s => [s.Id],
        ["vpc-id"] = s => [s.VpcId],
    };
}
