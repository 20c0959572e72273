using System.Globalization;
using System.Net;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

public sealed partial class Ec2Model
{
    private static readonly IPNetwork[] Rfc1918 = [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16")];

    /// <summary>
    /// CreateVpc: the VPC with its main route table (local routes), default security group and default network ACL.
    /// </summary>
    public Vpc CreateVpc(
        Ec2Scope scope,
        string cidrBlock,
        bool amazonProvidedIpv6CidrBlock = false,
        string? instanceTenancy = null,
        IReadOnlyList<KeyValuePair<string, string>>? tags = null)
    {
        var network = Cidr.ParseV4(cidrBlock, "cidrBlock");
        if (network.PrefixLength is < 16 or > 28)
        {
            throw Error("InvalidVpc.Range", $"The CIDR '{cidrBlock}' is invalid.");
        }

        if (instanceTenancy is not (null or "default" or "dedicated"))
        {
            throw Error("InvalidParameterValue", $"Value ({instanceTenancy}) for parameter instanceTenancy is invalid.");
        }

        return Locked(() =>
        {
            if (_state.Vpcs.Count(v => v.In(scope)) >= Options.VpcsPerRegion)
            {
                throw Error("VpcLimitExceeded", "The maximum number of VPCs has been reached.");
            }

            var vpc = new Vpc
            {
                Id = NewId("vpc"),
                OwnerId = scope.AccountId,
                Region = scope.Region,
                InstanceTenancy = instanceTenancy ?? "default",
                DhcpOptionsId = NewId("dopt"),
            };
            vpc.CidrBlocks.Add(new VpcCidrBlock { AssociationId = NewId("vpc-cidr-assoc"), CidrBlock = cidrBlock });
            if (amazonProvidedIpv6CidrBlock)
            {
                vpc.Ipv6CidrBlocks.Add(NewIpv6Block(scope));
            }

            _state.Vpcs.Add(vpc);
            ApplyCreationTags(scope, vpc.Id, tags);
            CreateMainRouteTable(vpc);
            CreateDefaultSecurityGroup(vpc);
            CreateDefaultNetworkAcl(vpc);
            return vpc;
        });
    }

    /// <summary>DescribeVpcs with AWS's filters (cidr, cidr-block-association.*, ipv6-cidr-block-association.*, state, tags, vpc-id, …).</summary>
    public Ec2Page<Vpc> DescribeVpcs(Ec2Scope scope, DescribeQuery query) => Locked(() =>
        Describe(_state.Vpcs.Where(v => v.In(scope)), query, Ec2IdKind.Vpc, v => v.Id, scope, VpcFilters));

    /// <summary>The VPC with that id in the caller's account and region, or its <c>InvalidVpcID.NotFound</c>.</summary>
    public Vpc GetVpc(Ec2Scope scope, string vpcId) => Locked(() => FindVpc(scope, vpcId));

    /// <summary>DeleteVpc: only once its subnets, non-default groups, ACLs and route tables are gone; deletes its peerings.</summary>
    public void DeleteVpc(Ec2Scope scope, string vpcId) => Locked(() =>
    {
        var vpc = FindVpc(scope, vpcId);
        var blocking = _state.Subnets.Any(s => s.VpcId == vpcId)
            || _state.SecurityGroups.Any(g => g.VpcId == vpcId && g.GroupName != "default")
            || _state.NetworkAcls.Any(a => a.VpcId == vpcId && !a.IsDefault)
            || _state.RouteTables.Any(r => r.VpcId == vpcId && !r.IsMain);
        if (blocking)
        {
            throw Error("DependencyViolation", $"The vpc '{vpcId}' has dependencies and cannot be deleted.");
        }

        foreach (var pcx in _state.PeeringConnections.Where(p => p.Involves(vpcId)))
        {
            var status = StatusOf(pcx).Code;
            if (status is "pending-acceptance" && pcx.Accepter.VpcId == vpcId && pcx.Requester.OwnerId != scope.AccountId)
            {
                throw Error("DependencyViolation",
                    $"The vpc '{vpcId}' has a pending-acceptance VPC peering request {pcx.Id}; reject it before deleting the VPC.");
            }

            if (status is "active" or "provisioning" or "pending-acceptance" or "initiating-request")
            {
                pcx.DeletedAt = Now;
                pcx.DeletedBy = scope.AccountId;
            }
        }

        _state.RouteTables.RemoveAll(r => r.VpcId == vpcId);
        _state.SecurityGroups.RemoveAll(g => g.VpcId == vpcId);
        _state.NetworkAcls.RemoveAll(a => a.VpcId == vpcId);
        _state.Vpcs.Remove(vpc);
    });

    /// <summary>DescribeVpcAttribute: <c>enableDnsSupport</c>, <c>enableDnsHostnames</c> or <c>enableNetworkAddressUsageMetrics</c>.</summary>
    public bool DescribeVpcAttribute(Ec2Scope scope, string vpcId, string attribute) => Locked(() =>
    {
        var vpc = FindVpc(scope, vpcId);
        return attribute switch
        {
            "enableDnsSupport" => vpc.EnableDnsSupport,
            "enableDnsHostnames" => vpc.EnableDnsHostnames,
            "enableNetworkAddressUsageMetrics" => false,
            _ => throw Error("InvalidParameterValue", $"Value ({attribute}) for parameter attribute is invalid. Unknown attribute."),
        };
    });

    /// <summary>ModifyVpcAttribute: one attribute per call, as AWS requires.</summary>
    public void ModifyVpcAttribute(Ec2Scope scope, string vpcId, bool? enableDnsSupport, bool? enableDnsHostnames) => Locked(() =>
    {
        var vpc = FindVpc(scope, vpcId);
        if (enableDnsSupport is null == enableDnsHostnames is null)
        {
            throw enableDnsSupport is null
                ? Error("MissingParameter", "The request must contain one of the parameters EnableDnsSupport or EnableDnsHostnames")
                : Error("InvalidParameterCombination", "Only one attribute can be modified at a time.");
        }

        if (enableDnsSupport is { } support)
        {
            vpc.EnableDnsSupport = support;
        }

        if (enableDnsHostnames is { } hostnames)
        {
            vpc.EnableDnsHostnames = hostnames;
        }
    });

    /// <summary>
    /// AssociateVpcCidrBlock: a secondary IPv4 block (with AWS's restrictions) or an Amazon-provided /56 IPv6 block.
    /// Every route table of the VPC gets the matching local route.
    /// </summary>
    public (Vpc Vpc, VpcCidrBlock Association, bool IsIpv6) AssociateVpcCidrBlock(
        Ec2Scope scope, string vpcId, string? cidrBlock, bool amazonProvidedIpv6CidrBlock) => Locked(() =>
    {
        var vpc = FindVpc(scope, vpcId);
        if (cidrBlock is null == !amazonProvidedIpv6CidrBlock)
        {
            throw Error(cidrBlock is null ? "MissingParameter" : "InvalidParameterCombination",
                "The request must contain exactly one of the parameters CidrBlock or AmazonProvidedIpv6CidrBlock");
        }

        VpcCidrBlock association;
        if (amazonProvidedIpv6CidrBlock)
        {
            if (vpc.Ipv6CidrBlocks.Count >= Options.Ipv6CidrBlocksPerVpc)
            {
                throw Error("CidrLimitExceeded", $"This network '{vpcId}' has met its maximum number of allowed CIDRs: {Options.Ipv6CidrBlocksPerVpc}");
            }

            association = NewIpv6Block(scope);
            vpc.Ipv6CidrBlocks.Add(association);
            if (vpc.Ipv6CidrBlocks.Count == 1)
            {
                AddDefaultIpv6Rules(vpc);
            }
        }
        else
        {
            ValidateSecondaryCidr(vpc, cidrBlock!);
            association = new VpcCidrBlock { AssociationId = NewId("vpc-cidr-assoc"), CidrBlock = cidrBlock! };
            vpc.CidrBlocks.Add(association);
        }

        foreach (var table in _state.RouteTables.Where(r => r.VpcId == vpcId))
        {
            table.Routes.Add(LocalRoute(association.CidrBlock, amazonProvidedIpv6CidrBlock));
        }

        return (vpc, association, amazonProvidedIpv6CidrBlock);
    });

    /// <summary>DisassociateVpcCidrBlock: any block but the primary one, once no subnet uses it.</summary>
    public (Vpc Vpc, VpcCidrBlock Association, bool IsIpv6) DisassociateVpcCidrBlock(Ec2Scope scope, string associationId) => Locked(() =>
    {
        foreach (var vpc in _state.Vpcs.Where(v => v.In(scope)))
        {
            var ipv4 = vpc.CidrBlocks.FirstOrDefault(c => c.AssociationId == associationId);
            var ipv6 = vpc.Ipv6CidrBlocks.FirstOrDefault(c => c.AssociationId == associationId);
            if (ipv4 is null && ipv6 is null)
            {
                continue;
            }

            if (ipv4 is not null && vpc.CidrBlocks[0] == ipv4)
            {
                throw Error("OperationNotPermitted",
                    $"The vpc CIDR block with association ID {associationId} may not be disassociated. It is the primary IPv4 CIDR block of the VPC");
            }

            var block = (ipv4 ?? ipv6)!;
            var inUse = _state.Subnets.Any(s => s.VpcId == vpc.Id
                && (Cidr.Within(s.CidrBlock, block.CidrBlock) || (s.Ipv6CidrBlock is { } b && Cidr.Within(b.CidrBlock, block.CidrBlock))));
            if (inUse)
            {
                throw Error("DependencyViolation", $"The vpc CIDR block {block.CidrBlock} has dependencies and cannot be disassociated.");
            }

            (ipv4 is not null ? vpc.CidrBlocks : vpc.Ipv6CidrBlocks).Remove(block);
            foreach (var table in _state.RouteTables.Where(r => r.VpcId == vpc.Id))
            {
                table.Routes.RemoveAll(r => r.IsLocal && r.Destination == block.CidrBlock);
            }

            var result = new VpcCidrBlock
            {
                AssociationId = block.AssociationId,
                CidrBlock = block.CidrBlock,
                State = "disassociating",
                NetworkBorderGroup = block.NetworkBorderGroup,
            };
            return (vpc, result, ipv6 is not null);
        }

        throw Error("InvalidVpcCidrBlockAssociationID.NotFound", $"The vpc CIDR block association ID '{associationId}' does not exist");
    });

    private void ValidateSecondaryCidr(Vpc vpc, string cidrBlock)
    {
        var network = Cidr.ParseV4(cidrBlock, "cidrBlock");
        if (network.PrefixLength is < 16 or > 28)
        {
            throw Error("InvalidVpc.Range", $"The CIDR '{cidrBlock}' is invalid.");
        }

        if (vpc.CidrBlocks.Count >= Options.Ipv4CidrBlocksPerVpc)
        {
            throw Error("CidrLimitExceeded", $"This network '{vpc.Id}' has met its maximum number of allowed CIDRs: {Options.Ipv4CidrBlocksPerVpc}");
        }

        if (vpc.CidrBlocks.Any(c => Cidr.Overlaps(c.CidrBlock, cidrBlock)))
        {
            throw Error("InvalidVpc.Range", $"The CIDR '{cidrBlock}' conflicts with another CIDR block of the VPC '{vpc.Id}'.");
        }

        // The VPC guide's IPv4 CIDR block association restrictions: the RFC 1918 range of the primary block decides.
        var primary = IPNetwork.Parse(vpc.CidrBlock);
        var primaryRange = Rfc1918.FirstOrDefault(r => Cidr.Within(primary, r));
        var newRange = Rfc1918.FirstOrDefault(r => Cidr.Within(network, r));
        var restricted = primaryRange != default
            ? newRange != default && newRange != primaryRange
            : newRange != default || Cidr.Overlaps(network, IPNetwork.Parse("198.19.0.0/16"));
        if (restricted)
        {
            throw Error("InvalidVpc.Range",
                $"The CIDR '{cidrBlock}' is restricted. Use a CIDR from the same private address range as the current CIDR range of the VPC.");
        }

        var routeConflict = _state.RouteTables.Where(r => r.VpcId == vpc.Id).SelectMany(r => r.Routes)
            .Any(r => !r.IsLocal && r.DestinationCidrBlock is { } d && Cidr.Within(IPNetwork.Parse(d), network));
        if (routeConflict)
        {
            throw Error("InvalidVpc.Range",
                $"The CIDR '{cidrBlock}' is the same or larger than the destination of a route in one of the VPC's route tables.");
        }

        foreach (var pcx in _state.PeeringConnections.Where(p => p.Involves(vpc.Id) && StatusOf(p).Code is "active" or "provisioning"))
        {
            var peer = PeerVpc(pcx, vpc.Id);
            if (peer is not null && peer.CidrBlocks.Any(c => Cidr.Overlaps(c.CidrBlock, cidrBlock)))
            {
                throw Error("InvalidVpc.Range",
                    $"The CIDR '{cidrBlock}' overlaps with a CIDR block of the peer VPC '{peer.Id}' of the active VPC peering connection '{pcx.Id}'.");
            }
        }
    }

    private VpcCidrBlock NewIpv6Block(Ec2Scope scope)
    {
        var n = ++_state.Ipv6BlockCounter;
        var address = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"2600:1f{(n >> 16) & 0xff:x2}:{(n >> 8) & 0xff:x2}00:{n & 0xff:x2}00::"));
        var block = new IPNetwork(address, 56).ToString();
        return new VpcCidrBlock { AssociationId = NewId("vpc-cidr-assoc"), CidrBlock = block, NetworkBorderGroup = scope.Region };
    }

    private Vpc? PeerVpc(VpcPeeringConnection pcx, string vpcId)
    {
        var side = pcx.PeerOf(vpcId);
        return _state.Vpcs.FirstOrDefault(v => v.Id == side.VpcId && v.OwnerId == side.OwnerId && v.Region == side.Region);
    }

    private Vpc? VpcOf(PeeringSide side) =>
        _state.Vpcs.FirstOrDefault(v => v.Id == side.VpcId && v.OwnerId == side.OwnerId && v.Region == side.Region);

    private static readonly FilterSet<Vpc> VpcFilters = new()
    {
        ["cidr"] = v => [v.CidrBlock],
        ["cidr-block"] = v => [v.CidrBlock],
        ["cidr-block-association.cidr-block"] = v => v.CidrBlocks.Select(c => c.CidrBlock),
        ["cidr-block-association.association-id"] = v => v.CidrBlocks.Select(c => c.AssociationId),
        ["cidr-block-association.state"] = v => v.CidrBlocks.Select(c => c.State),
        ["ipv6-cidr-block-association.ipv6-cidr-block"] = v => v.Ipv6CidrBlocks.Select(c => c.CidrBlock),
        ["ipv6-cidr-block-association.association-id"] = v => v.Ipv6CidrBlocks.Select(c => c.AssociationId),
        ["ipv6-cidr-block-association.state"] = v => v.Ipv6CidrBlocks.Select(c => c.State),
        ["ipv6-cidr-block-association.ipv6-pool"] = v => v.Ipv6CidrBlocks.Select(_ => "Amazon"),
        ["dhcp-options-id"] = v => [v.DhcpOptionsId],
        ["is-default"] = v => ["false"],
        ["owner-id"] = v => [v.OwnerId],
        ["state"] = v => [v.State],
        ["vpc-id"] = v => [v.Id],
    };
}
