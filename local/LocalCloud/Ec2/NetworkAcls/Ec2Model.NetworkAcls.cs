using System.Globalization;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

public sealed partial class Ec2Model
{
    private const int LastIpv4Rule = 32767;
    private const int LastIpv6Rule = 32768;

    /// <summary>CreateNetworkAcl: a custom ACL that denies everything (only the <c>*</c> rules) until entries are added.</summary>
    public NetworkAcl CreateNetworkAcl(Ec2Scope scope, string vpcId, IReadOnlyList<KeyValuePair<string, string>>? tags = null) => Locked(() =>
    {
        var vpc = FindVpc(scope, vpcId);
        if (_state.NetworkAcls.Count(a => a.VpcId == vpcId) >= Options.NetworkAclsPerVpc)
        {
            throw Error("NetworkAclLimitExceeded", "The maximum number of network ACLs has been reached.");
        }

        var acl = NewNetworkAcl(vpc, isDefault: false);
        ApplyCreationTags(scope, acl.Id, tags);
        return acl;
    });

    /// <summary>DescribeNetworkAcls with AWS's filters (association.*, default, entry.*, network-acl-id, vpc-id, tags, …).</summary>
    public Ec2Page<NetworkAcl> DescribeNetworkAcls(Ec2Scope scope, DescribeQuery query) => Locked(() =>
        Describe(_state.NetworkAcls.Where(a => a.In(scope)), query, Ec2IdKind.NetworkAcl, a => a.Id, scope, NetworkAclFilters));

    /// <summary>CreateNetworkAclEntry: rule numbers 1..32766, unique per direction (<c>NetworkAclEntryAlreadyExists</c>).</summary>
    public NetworkAclEntry CreateNetworkAclEntry(Ec2Scope scope, string networkAclId, NetworkAclEntry entry) => Locked(() =>
    {
        var acl = FindNetworkAcl(scope, networkAclId);
        var normalized = ValidateEntry(entry);
        if (acl.Entries.Any(e => e.Egress == entry.Egress && e.RuleNumber == entry.RuleNumber))
        {
            throw Error("NetworkAclEntryAlreadyExists", $"The network acl entry identified by {entry.RuleNumber} already exists.");
        }

        if (acl.Entries.Count(e => e.Egress == entry.Egress && e.RuleNumber < LastIpv4Rule) >= Options.EntriesPerNetworkAcl)
        {
            throw Error("NetworkAclEntryLimitExceeded", $"The maximum number of network acl entries has been reached for {networkAclId}.");
        }

        acl.Entries.Add(normalized);
        SortEntries(acl);
        return normalized;
    });

    /// <summary>ReplaceNetworkAclEntry: the numbered entry in that direction must exist.</summary>
    public NetworkAclEntry ReplaceNetworkAclEntry(Ec2Scope scope, string networkAclId, NetworkAclEntry entry) => Locked(() =>
    {
        var acl = FindNetworkAcl(scope, networkAclId);
        var normalized = ValidateEntry(entry);
        var index = EntryIndex(acl, entry.RuleNumber, entry.Egress);
        acl.Entries[index] = normalized;
        return normalized;
    });

    /// <summary>DeleteNetworkAclEntry.</summary>
    public void DeleteNetworkAclEntry(Ec2Scope scope, string networkAclId, int ruleNumber, bool egress) => Locked(() =>
    {
        var acl = FindNetworkAcl(scope, networkAclId);
        if (ruleNumber is < 1 or > 32766)
        {
            throw Error("InvalidParameterValue", $"Value ({ruleNumber}) for parameter ruleNumber is invalid. It must be between 1 and 32766.");
        }

        acl.Entries.RemoveAt(EntryIndex(acl, ruleNumber, egress));
    });

    /// <summary>ReplaceNetworkAclAssociation: moves a subnet to another ACL of its VPC; returns the new association id.</summary>
    public string ReplaceNetworkAclAssociation(Ec2Scope scope, string associationId, string networkAclId) => Locked(() =>
    {
        Ec2IdKind.NetworkAclAssociation.Validate(associationId);
        var target = FindNetworkAcl(scope, networkAclId);
        var current = _state.NetworkAcls.FirstOrDefault(a => a.In(scope) && a.Associations.Any(x => x.Id == associationId))
            ?? throw Ec2IdKind.NetworkAclAssociation.NotFound(associationId);
        if (current.VpcId != target.VpcId)
        {
            throw Error("InvalidParameterValue", $"Network ACL {networkAclId} and association {associationId} belong to different networks");
        }

        var association = current.Associations.First(x => x.Id == associationId);
        current.Associations.Remove(association);
        var replacement = new NetworkAclAssociation { Id = NewId("aclassoc"), SubnetId = association.SubnetId };
        target.Associations.Add(replacement);
        return replacement.Id;
    });

    /// <summary>DeleteNetworkAcl: not the default ACL, not while associated.</summary>
    public void DeleteNetworkAcl(Ec2Scope scope, string networkAclId) => Locked(() =>
    {
        var acl = FindNetworkAcl(scope, networkAclId);
        if (acl.IsDefault)
        {
            throw Error("InvalidParameterValue", $"cannot delete default network ACL {networkAclId}");
        }

        if (acl.Associations.Count > 0)
        {
            throw Error("DependencyViolation", $"The networkAcl '{networkAclId}' has dependencies and cannot be deleted.");
        }

        _state.NetworkAcls.Remove(acl);
    });

    private static int EntryIndex(NetworkAcl acl, int ruleNumber, bool egress)
    {
        var index = acl.Entries.FindIndex(e => e.Egress == egress && e.RuleNumber == ruleNumber);
        return index >= 0
            ? index
            : throw Error("InvalidNetworkAclEntry.NotFound", $"The network acl entry identified by {ruleNumber} does not exist.");
    }

    private static NetworkAclEntry ValidateEntry(NetworkAclEntry entry)
    {
        if (entry.RuleNumber is < 1 or > 32766)
        {
            throw Error("InvalidParameterValue", $"Value ({entry.RuleNumber}) for parameter ruleNumber is invalid. It must be between 1 and 32766.");
        }

        if (entry.RuleAction is not ("allow" or "deny"))
        {
            throw Error("InvalidParameterValue", $"Value ({entry.RuleAction}) for parameter ruleAction is invalid. It must be allow or deny.");
        }

        if (entry.CidrBlock is null == (entry.Ipv6CidrBlock is null))
        {
            throw Error("InvalidParameterCombination", "Exactly one of cidrBlock or ipv6CidrBlock must be specified.");
        }

        if (entry.CidrBlock is not null)
        {
            Cidr.ParseV4(entry.CidrBlock, "cidrBlock");
        }
        else
        {
            Cidr.ParseV6(entry.Ipv6CidrBlock!, "ipv6CidrBlock");
        }

        var protocol = entry.Protocol.ToLowerInvariant() switch
        {
            "all" or "-1" => "-1",
            "tcp" => "6",
            "udp" => "17",
            "icmp" => "1",
            "icmpv6" => "58",
            var number when int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 255 => number,
            var other => throw Error("InvalidParameterValue", $"Value ({other}) for parameter protocol is invalid."),
        };
        var result = new NetworkAclEntry
        {
            RuleNumber = entry.RuleNumber,
            Egress = entry.Egress,
            Protocol = protocol,
            RuleAction = entry.RuleAction,
            CidrBlock = entry.CidrBlock,
            Ipv6CidrBlock = entry.Ipv6CidrBlock,
        };
        if (protocol is "6" or "17")
        {
            if (entry.PortFrom is not { } from || entry.PortTo is not { } to)
            {
                throw Error("InvalidParameterValue", "TCP and UDP rules need a port range (PortRange.From and PortRange.To).");
            }

            if (from is < 0 or > 65535 || to is < 0 or > 65535 || from > to)
            {
                throw Error("InvalidParameterValue", $"Invalid port range ({from}-{to}).");
            }

            (result.PortFrom, result.PortTo) = (from, to);
        }
        else if (protocol is "1" or "58")
        {
            if (entry.IcmpType is null || entry.IcmpCode is null)
            {
                throw Error("InvalidParameterValue", "ICMP rules need an ICMP type and code (-1 for all).");
            }

            (result.IcmpType, result.IcmpCode) = (entry.IcmpType, entry.IcmpCode);
        }

        return result;
    }

    private static void SortEntries(NetworkAcl acl) =>
        acl.Entries.Sort((a, b) => a.Egress != b.Egress ? a.Egress.CompareTo(b.Egress) : a.RuleNumber.CompareTo(b.RuleNumber));

    private NetworkAcl NewNetworkAcl(Vpc vpc, bool isDefault)
    {
        var acl = new NetworkAcl { Id = NewId("acl"), OwnerId = vpc.OwnerId, Region = vpc.Region, VpcId = vpc.Id, IsDefault = isDefault };
        foreach (var egress in new[] { false, true })
        {
            if (isDefault)
            {
                acl.Entries.Add(new NetworkAclEntry { RuleNumber = 100, Egress = egress, CidrBlock = "0.0.0.0/0" });
            }

            acl.Entries.Add(new NetworkAclEntry { RuleNumber = LastIpv4Rule, Egress = egress, RuleAction = "deny", CidrBlock = "0.0.0.0/0" });
        }

        _state.NetworkAcls.Add(acl);
        if (vpc.Ipv6CidrBlocks.Count > 0)
        {
            AddIpv6Entries(acl);
        }

        SortEntries(acl);
        return acl;
    }

    private void CreateDefaultNetworkAcl(Vpc vpc) => NewNetworkAcl(vpc, isDefault: true);

    /// <summary>With a VPC's first IPv6 block, ACLs get the IPv6 <c>*</c> rules, and the default ACL its allow-all IPv6 rules (101).</summary>
    private void AddDefaultIpv6Rules(Vpc vpc)
    {
        foreach (var acl in _state.NetworkAcls.Where(a => a.VpcId == vpc.Id))
        {
            AddIpv6Entries(acl);
            SortEntries(acl);
        }
    }

    private static void AddIpv6Entries(NetworkAcl acl)
    {
        foreach (var egress in new[] { false, true })
        {
            if (acl.IsDefault && !acl.Entries.Any(e => e.Egress == egress && e.RuleNumber == 101))
            {
                acl.Entries.Add(new NetworkAclEntry { RuleNumber = 101, Egress = egress, Ipv6CidrBlock = "::/0" });
            }

            if (!acl.Entries.Any(e => e.Egress == egress && e.RuleNumber == LastIpv6Rule))
            {
                acl.Entries.Add(new NetworkAclEntry { RuleNumber = LastIpv6Rule, Egress = egress, RuleAction = "deny", Ipv6CidrBlock = "::/0" });
            }
        }
    }

    private static readonly FilterSet<NetworkAcl> NetworkAclFilters = new()
    {
        ["association.association-id"] = a => a.Associations.Select(x => x.Id),
        ["association.network-acl-id"] = a => a.Associations.Select(_ => a.Id),
        ["association.subnet-id"] = a => a.Associations.Select(x => x.SubnetId),
        ["default"] = a => [FilterEngine.Bool(a.IsDefault)],
        ["entry.cidr"] = a => a.Entries.Select(e => e.CidrBlock),
        ["entry.ipv6-cidr"] = a => a.Entries.Select(e => e.Ipv6CidrBlock),
        ["entry.egress"] = a => a.Entries.Select(e => FilterEngine.Bool(e.Egress)),
        ["entry.icmp.code"] = a => a.Entries.Select(e => e.IcmpCode?.ToString(CultureInfo.InvariantCulture)),
        ["entry.icmp.type"] = a => a.Entries.Select(e => e.IcmpType?.ToString(CultureInfo.InvariantCulture)),
        ["entry.port-range.from"] = a => a.Entries.Select(e => e.PortFrom?.ToString(CultureInfo.InvariantCulture)),
        ["entry.port-range.to"] = a => a.Entries.Select(e => e.PortTo?.ToString(CultureInfo.InvariantCulture)),
        ["entry.protocol"] = a => a.Entries.Select(e => e.Protocol),
        ["entry.rule-action"] = a => a.Entries.Select(e => e.RuleAction),
        ["entry.rule-number"] = a => a.Entries.Select(e => e.RuleNumber.ToString(CultureInfo.InvariantCulture)),
        ["network-acl-id"] = a => [a.Id],
        ["owner-id"] = a => [a.OwnerId],
        ["vpc-id"] = a => [a.VpcId],
    };
}
