using System.Globalization;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

/// <summary>A security group rule together with its group, as DescribeSecurityGroupRules lists it.</summary>
/// <param name="Group">The group.</param>
/// <param name="Rule">The rule.</param>
public sealed record SecurityGroupRuleView(SecurityGroup Group, SecurityGroupRule Rule);

/// <summary>A group's rules that reference a security group across a peering that is no longer active.</summary>
/// <param name="Group">The group.</param>
/// <param name="StaleRules">The stale rules.</param>
public sealed record StaleSecurityGroup(SecurityGroup Group, IReadOnlyList<SecurityGroupRule> StaleRules);

public sealed partial class Ec2Model
{
    /// <summary>CreateSecurityGroup: a group with the default egress rule (all traffic to 0.0.0.0/0, and ::/0 with IPv6).</summary>
    public SecurityGroup CreateSecurityGroup(
        Ec2Scope scope,
        string groupName,
        string description,
        string? vpcId,
        IReadOnlyList<KeyValuePair<string, string>>? tags = null) => Locked(() =>
    {
        if (vpcId is null)
        {
            throw Error("VPCIdNotSpecified", "No default VPC for this user");
        }

        var vpc = FindVpc(scope, vpcId);
        if (groupName == "default")
        {
            throw Error("InvalidGroup.Reserved", "The security group 'default' is reserved");
        }

        if (groupName.StartsWith("sg-", StringComparison.OrdinalIgnoreCase) || groupName.Length > 255)
        {
            throw Error("InvalidParameterValue", $"Value ({groupName}) for parameter GroupName is invalid. Group names may not be in the format sg-*");
        }

        if (_state.SecurityGroups.Any(g => g.VpcId == vpcId && g.GroupName == groupName))
        {
            throw Error("InvalidGroup.Duplicate", $"The security group '{groupName}' already exists for VPC '{vpcId}'");
        }

        if (_state.SecurityGroups.Count(g => g.In(scope)) >= Options.SecurityGroupsPerRegion)
        {
            throw Error("SecurityGroupLimitExceeded", "The maximum number of security groups has been reached.");
        }

        var group = NewSecurityGroup(vpc, groupName, description);
        ApplyCreationTags(scope, group.Id, tags);
        return group;
    });

    /// <summary>DescribeSecurityGroups (ids, names, and filters group-id, group-name, vpc-id, ip-permission.*, egress.ip-permission.*, tags, …).</summary>
    public Ec2Page<SecurityGroup> DescribeSecurityGroups(Ec2Scope scope, DescribeQuery query, IReadOnlyList<string>? groupNames = null) =>
        Locked(() =>
        {
            var visible = _state.SecurityGroups.Where(g => g.In(scope)).ToList();
            foreach (var name in groupNames ?? [])
            {
                if (!visible.Any(g => g.GroupName == name))
                {
                    throw Error("InvalidGroup.NotFound", $"The security group '{name}' does not exist");
                }
            }

            if (groupNames is { Count: > 0 })
            {
                visible = [.. visible.Where(g => groupNames.Contains(g.GroupName))];
            }

            return Describe(visible, query, Ec2IdKind.SecurityGroup, g => g.Id, scope, SecurityGroupFilters);
        });

    /// <summary>DescribeSecurityGroupRules: filters <c>group-id</c>, <c>security-group-rule-id</c>, tags.</summary>
    public Ec2Page<SecurityGroupRuleView> DescribeSecurityGroupRules(Ec2Scope scope, DescribeQuery query) => Locked(() =>
    {
        var rules = _state.SecurityGroups.Where(g => g.In(scope)).SelectMany(g => g.Rules.Select(r => new SecurityGroupRuleView(g, r))).ToList();
        foreach (var id in query.Ids)
        {
            Ec2IdKind.SecurityGroupRule.Validate(id);
            if (!rules.Any(r => r.Rule.Id == id))
            {
                throw Ec2IdKind.SecurityGroupRule.NotFound(id);
            }
        }

        var selected = query.Ids.Count > 0 ? rules.Where(r => query.Ids.Contains(r.Rule.Id)) : rules;
        var matching = FilterEngine.Apply(selected, query.Filters, RuleFilters, r => TagsOf(scope.AccountId, r.Rule.Id));
        return FilterEngine.Page(matching, query);
    });

    /// <summary>
    /// AuthorizeSecurityGroupIngress/Egress. All or nothing: one duplicate fails the whole call with
    /// <c>InvalidPermission.Duplicate</c>. A group in a peer VPC may be referenced only across an active peering in the same region.
    /// </summary>
    public IReadOnlyList<SecurityGroupRule> AuthorizeSecurityGroup(
        Ec2Scope scope,
        string groupId,
        bool egress,
        IReadOnlyList<PermissionSpec> permissions,
        IReadOnlyList<KeyValuePair<string, string>>? tags = null) => Locked(() =>
    {
        var group = FindSecurityGroup(scope, groupId);
        var rules = ExpandPermissions(scope, group, egress, permissions);
        if (rules.Count == 0)
        {
            throw Error("MissingParameter", "The request must contain the parameter ipPermissions");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (group.Rules.Any(r => r.SamePermission(rule)) || rules.Take(i).Any(r => r.SamePermission(rule)))
            {
                throw Error("InvalidPermission.Duplicate", $"the specified rule \"{Describe(rule)}\" already exists");
            }
        }

        if (group.Rules.Count(r => r.IsEgress == egress) + rules.Count > Options.RulesPerSecurityGroup)
        {
            throw Error("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.");
        }

        foreach (var rule in rules)
        {
            rule.Id = NewId("sgr");
            group.Rules.Add(rule);
            ApplyCreationTags(scope, rule.Id, tags);
        }

        return rules;
    });

    /// <summary>RevokeSecurityGroupIngress/Egress by permissions or rule ids; every one must exist (<c>InvalidPermission.NotFound</c>).</summary>
    public IReadOnlyList<SecurityGroupRule> RevokeSecurityGroup(
        Ec2Scope scope,
        string groupId,
        bool egress,
        IReadOnlyList<PermissionSpec> permissions,
        IReadOnlyList<string> ruleIds) => Locked(() =>
    {
        var group = FindSecurityGroup(scope, groupId);
        var revoked = new List<SecurityGroupRule>();
        foreach (var ruleId in ruleIds)
        {
            var rule = group.Rules.FirstOrDefault(r => r.Id == ruleId && r.IsEgress == egress)
                ?? throw Error("InvalidSecurityGroupRuleId.NotFound", $"The security group rule ID '{ruleId}' does not exist");
            revoked.Add(rule);
        }

        foreach (var wanted in ExpandPermissions(scope, group, egress, permissions, resolvingRevoke: true))
        {
            var rule = group.Rules.FirstOrDefault(r => r.SamePermission(wanted))
                ?? throw Error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
            revoked.Add(rule);
        }

        if (revoked.Count == 0)
        {
            throw Error("MissingParameter", "The request must contain the parameter ipPermissions or securityGroupRuleIds");
        }

        group.Rules.RemoveAll(revoked.Contains);
        return revoked;
    });

    /// <summary>DeleteSecurityGroup: not the default group, not while another group's rule references it.</summary>
    public void DeleteSecurityGroup(Ec2Scope scope, string groupId) => Locked(() =>
    {
        var group = FindSecurityGroup(scope, groupId);
        if (group.GroupName == "default")
        {
            throw Error("CannotDelete", $"the specified group: \"{groupId}\" name: \"default\" cannot be deleted by a user");
        }

        if (_state.SecurityGroups.Any(g => g != group && g.Rules.Any(r => r.ReferencedGroupId == groupId && r.ReferencedVpcId is null)))
        {
            throw Error("DependencyViolation", $"resource {groupId} has a dependent object");
        }

        _state.SecurityGroups.Remove(group);
    });

    /// <summary>
    /// DescribeStaleSecurityGroups: groups of the VPC whose rules reference a group in a peer VPC across a peering
    /// that is no longer active, or a group that no longer exists.
    /// </summary>
    public Ec2Page<StaleSecurityGroup> DescribeStaleSecurityGroups(Ec2Scope scope, string vpcId, DescribeQuery query) => Locked(() =>
    {
        FindVpc(scope, vpcId);
        var stale = _state.SecurityGroups.Where(g => g.In(scope) && g.VpcId == vpcId)
            .Select(g => new StaleSecurityGroup(g, [.. g.Rules.Where(r => r.ReferencedVpcId is not null && ReferencePeeringStatus(r) != "active")]))
            .Where(s => s.StaleRules.Count > 0)
            .ToList();
        return FilterEngine.Page(stale, query);
    });

    /// <summary>For a rule referencing a group in a peer VPC: <c>active</c> while the peering is active and the group exists, else <c>deleted</c>.</summary>
    public string? ReferencePeeringStatus(SecurityGroupRule rule) => Locked(() =>
    {
        if (rule.ReferencedPeeringId is null)
        {
            return null;
        }

        var pcx = _state.PeeringConnections.FirstOrDefault(p => p.Id == rule.ReferencedPeeringId);
        var groupExists = _state.SecurityGroups.Any(g => g.Id == rule.ReferencedGroupId);
        return pcx is not null && groupExists && StatusOf(pcx).Code == "active" ? "active" : "deleted";
    });

    private static readonly FilterSet<SecurityGroupRuleView> RuleFilters = new()
    {
        ["group-id"] = r => [r.Group.Id],
        ["security-group-rule-id"] = r => [r.Rule.Id],
    };

    private static readonly FilterSet<SecurityGroup> SecurityGroupFilters = BuildSecurityGroupFilters();

    /// <summary>The group filters, and <c>ip-permission.*</c> for ingress and <c>egress.ip-permission.*</c> for egress rules.</summary>
    private static FilterSet<SecurityGroup> BuildSecurityGroupFilters()
    {
        var filters = new FilterSet<SecurityGroup>
        {
            ["description"] = g => [g.Description],
            ["group-id"] = g => [g.Id],
            ["group-name"] = g => [g.GroupName],
            ["owner-id"] = g => [g.OwnerId],
            ["vpc-id"] = g => [g.VpcId],
        };
        foreach (var (prefix, egress) in new[] { ("ip-permission.", false), ("egress.ip-permission.", true) })
        {
            IEnumerable<SecurityGroupRule> Rules(SecurityGroup g) => g.Rules.Where(r => r.IsEgress == egress);
            filters[prefix + "cidr"] = g => Rules(g).Select(r => r.CidrIpv4);
            filters[prefix + "ipv6-cidr"] = g => Rules(g).Select(r => r.CidrIpv6);
            filters[prefix + "prefix-list-id"] = g => Rules(g).Select(r => r.PrefixListId);
            filters[prefix + "from-port"] = g => Rules(g).Select(r => r.FromPort?.ToString(CultureInfo.InvariantCulture) ?? "-1");
            filters[prefix + "to-port"] = g => Rules(g).Select(r => r.ToPort?.ToString(CultureInfo.InvariantCulture) ?? "-1");
            filters[prefix + "protocol"] = g => Rules(g).Select(r => r.IpProtocol);
            filters[prefix + "group-id"] = g => Rules(g).Select(r => r.ReferencedGroupId);
            filters[prefix + "user-id"] = g => Rules(g).Select(r => r.ReferencedUserId);
            filters[prefix + "group-name"] = _ => [];
        }

        return filters;
    }

    private List<SecurityGroupRule> ExpandPermissions(
        Ec2Scope scope, SecurityGroup group, bool egress, IReadOnlyList<PermissionSpec> permissions, bool resolvingRevoke = false)
    {
        var rules = new List<SecurityGroupRule>();
        foreach (var permission in permissions)
        {
            var (protocol, from, to) = NormalizePorts(permission);
            SecurityGroupRule Rule(string? description) => new()
            {
                IsEgress = egress,
                IpProtocol = protocol,
                FromPort = from,
                ToPort = to,
                Description = description,
            };

            foreach (var range in permission.IpRanges)
            {
                Cidr.ParseV4(range.Value, "cidrIp");
                rules.Add(WithPeer(Rule(range.Description), r => r.CidrIpv4 = range.Value));
            }

            foreach (var range in permission.Ipv6Ranges)
            {
                Cidr.ParseV6(range.Value, "cidrIpv6");
                rules.Add(WithPeer(Rule(range.Description), r => r.CidrIpv6 = range.Value));
            }

            foreach (var prefixList in permission.PrefixListIds)
            {
                rules.Add(WithPeer(Rule(prefixList.Description), r => r.PrefixListId = prefixList.Value));
            }

            foreach (var pair in permission.Groups)
            {
                var rule = Rule(pair.Description);
                ResolveGroupReference(scope, group, pair, rule, resolvingRevoke);
                rules.Add(rule);
            }
        }

        return rules;
    }

    private void ResolveGroupReference(Ec2Scope scope, SecurityGroup group, PermissionGroup pair, SecurityGroupRule rule, bool lenient)
    {
        var groupId = pair.GroupId;
        var userId = pair.UserId;
        if (groupId is not null && groupId.Contains('/', StringComparison.Ordinal))
        {
            userId = groupId[..groupId.IndexOf('/', StringComparison.Ordinal)];
            groupId = groupId[(groupId.IndexOf('/', StringComparison.Ordinal) + 1)..];
        }

        userId ??= scope.AccountId;
        SecurityGroup? referenced;
        if (groupId is null)
        {
            referenced = _state.SecurityGroups.FirstOrDefault(g => g.VpcId == group.VpcId && g.GroupName == pair.GroupName)
                ?? throw Error("InvalidGroup.NotFound", $"The security group '{pair.GroupName}' does not exist in VPC '{group.VpcId}'");
        }
        else
        {
            Ec2IdKind.SecurityGroup.Validate(groupId);
            referenced = _state.SecurityGroups.FirstOrDefault(g => g.Id == groupId && g.OwnerId == userId && g.Region == scope.Region);
        }

        rule.ReferencedGroupId = referenced?.Id ?? groupId;
        rule.ReferencedUserId = referenced?.OwnerId ?? userId;
        if (referenced is not null && referenced.VpcId == group.VpcId)
        {
            return;
        }

        // "Update your security groups to reference peer security groups": only across an active peering in the same region.
        var pcx = referenced is null ? null : _state.PeeringConnections.FirstOrDefault(p =>
            p.Involves(group.VpcId) && p.Involves(referenced.VpcId) && p.Requester.Region == p.Accepter.Region && StatusOf(p).Code == "active");
        if (pcx is null)
        {
            var existing = lenient ? group.Rules.FirstOrDefault(r => r.ReferencedGroupId == rule.ReferencedGroupId && r.ReferencedVpcId is not null) : null;
            if (existing is not null)
            {
                rule.ReferencedVpcId = existing.ReferencedVpcId;
                rule.ReferencedPeeringId = existing.ReferencedPeeringId;
                return;
            }

            throw referenced is null
                ? Error("InvalidGroup.NotFound", $"The security group '{groupId}' does not exist")
                : Error("InvalidGroup.NotFound", "You have specified two resources that belong to different networks.");
        }

        rule.ReferencedVpcId = referenced!.VpcId;
        rule.ReferencedPeeringId = pcx.Id;
    }

    private static SecurityGroupRule WithPeer(SecurityGroupRule rule, Action<SecurityGroupRule> setPeer)
    {
        setPeer(rule);
        return rule;
    }

    private static (string Protocol, int? From, int? To) NormalizePorts(PermissionSpec permission)
    {
        var protocol = permission.IpProtocol.ToLowerInvariant() switch
        {
            "tcp" or "6" => "tcp",
            "udp" or "17" => "udp",
            "icmp" or "1" => "icmp",
            "icmpv6" or "58" => "icmpv6",
            "-1" or "all" => "-1",
            var number when int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 255 => number,
            var other => throw Error("InvalidParameterValue", $"Invalid value '{other}' for IP protocol. Unknown protocol."),
        };
        switch (protocol)
        {
            case "tcp" or "udp":
                if (permission.FromPort is not { } from || permission.ToPort is not { } to)
                {
                    throw Error("InvalidParameterValue", $"Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
                }

                if (from is < 0 or > 65535 || to is < 0 or > 65535 || from > to)
                {
                    throw Error("InvalidParameterValue", $"Invalid TCP/UDP port range ({from}-{to}).");
                }

                return (protocol, from, to);
            case "icmp" or "icmpv6":
                return (protocol, permission.FromPort ?? -1, permission.ToPort ?? -1);
            default:
                return (protocol, null, null);
        }
    }

    private static string Describe(SecurityGroupRule rule)
    {
        var ports = rule.FromPort is null ? "ALL" : $"from port: {rule.FromPort}, to port: {rule.ToPort}";
        var protocol = rule.IpProtocol == "-1" ? "ALL" : rule.IpProtocol.ToUpperInvariant();
        return $"peer: {rule.Peer}, {protocol}, {ports}, ALLOW";
    }

    private SecurityGroup NewSecurityGroup(Vpc vpc, string name, string description)
    {
        var group = new SecurityGroup
        {
            Id = NewId("sg"),
            OwnerId = vpc.OwnerId,
            Region = vpc.Region,
            GroupName = name,
            Description = description,
            VpcId = vpc.Id,
        };
        group.Rules.Add(new SecurityGroupRule { Id = NewId("sgr"), IsEgress = true, CidrIpv4 = "0.0.0.0/0" });
        if (vpc.Ipv6CidrBlocks.Count > 0)
        {
            group.Rules.Add(new SecurityGroupRule { Id = NewId("sgr"), IsEgress = true, CidrIpv6 = "::/0" });
        }

        _state.SecurityGroups.Add(group);
        return group;
    }

    private void CreateDefaultSecurityGroup(Vpc vpc)
    {
        var group = NewSecurityGroup(vpc, "default", "default VPC security group");
        group.Rules.Insert(0, new SecurityGroupRule
        {
            Id = NewId("sgr"),
            ReferencedGroupId = group.Id,
            ReferencedUserId = vpc.OwnerId,
        });
    }
}
