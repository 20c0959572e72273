using System.Globalization;
using LocalCloud.Core;
using LocalCloud.Protocols;
using static LocalCloud.Ec2.Protocol.Ec2RequestReader;
using static LocalCloud.Ec2.Protocol.Ec2Xml;

namespace LocalCloud.Ec2.Protocol;

public sealed partial class Ec2QueryProtocol
{
    private void RegisterSecurityActions()
    {
        Add("CreateSecurityGroup", (p, s) =>
        {
            var group = _model.CreateSecurityGroup(s, p.Required("GroupName"), p.Required("GroupDescription"), p.Get("VpcId"),
                TagSpecifications(p, "security-group"));
            return [E("groupId", group.Id), E("securityGroupArn", group.Arn), TagSet(_model.TagsOf(s.AccountId, group.Id))];
        });
        Add("DeleteSecurityGroup", (p, s) =>
        {
            _model.DeleteSecurityGroup(s, GroupIdOf(p, s));
            return [Bool("return", true), E("groupId", GroupIdOf(p, s))];
        });
        Add("DescribeSecurityGroups", (p, s) =>
            Paged("securityGroupInfo", _model.DescribeSecurityGroups(s, Query(p, "GroupId"), p.List("GroupName")), g => SecurityGroup(s, g)));
        Add("DescribeSecurityGroupRules", (p, s) =>
            Paged("securityGroupRuleSet", _model.DescribeSecurityGroupRules(s, Query(p, "SecurityGroupRuleId")), r => Rule(s, r.Group, r.Rule)));
        foreach (var (action, egress) in new[] { ("Ingress", false), ("Egress", true) })
        {
            Add("AuthorizeSecurityGroup" + action, (p, s) =>
            {
                var groupId = GroupIdOf(p, s);
                var rules = _model.AuthorizeSecurityGroup(s, groupId, egress, Permissions(p), TagSpecifications(p, "security-group-rule"));
                var group = _model.DescribeSecurityGroups(s, new DescribeQuery([groupId], [])).Items[0];
                return [Bool("return", true), Set("securityGroupRuleSet", rules, r => Rule(s, group, r))];
            });
            Add("RevokeSecurityGroup" + action, (p, s) =>
            {
                var groupId = GroupIdOf(p, s);
                var revoked = _model.RevokeSecurityGroup(s, groupId, egress, Permissions(p), p.List("SecurityGroupRuleId"));
                return [Bool("return", true), Set("revokedSecurityGroupRuleSet", revoked, r => (IEnumerable<object?>)
                [
                    E("securityGroupRuleId", r.Id), E("groupId", groupId), Bool("isEgress", r.IsEgress), E("ipProtocol", r.IpProtocol),
                    Int("fromPort", r.FromPort ?? -1), Int("toPort", r.ToPort ?? -1), Opt("cidrIpv4", r.CidrIpv4), Opt("cidrIpv6", r.CidrIpv6),
                    Opt("prefixListId", r.PrefixListId), Opt("referencedGroupId", r.ReferencedGroupId), Opt("description", r.Description),
                ])];
            });
        }

        Add("DescribeStaleSecurityGroups", (p, s) => Paged("staleSecurityGroupSet",
            _model.DescribeStaleSecurityGroups(s, p.Required("VpcId"), Query(p, "")), stale => (IEnumerable<object?>)
            [
                E("groupId", stale.Group.Id),
                E("groupName", stale.Group.GroupName),
                E("description", stale.Group.Description),
                E("vpcId", stale.Group.VpcId),
                Set("staleIpPermissions", stale.StaleRules.Where(r => !r.IsEgress), StalePermission),
                Set("staleIpPermissionsEgress", stale.StaleRules.Where(r => r.IsEgress), StalePermission),
            ]));

        Add("CreateNetworkAcl", (p, s) => [E("networkAcl", NetworkAcl(s, _model.CreateNetworkAcl(s, p.Required("VpcId"), TagSpecifications(p, "network-acl"))))]);
        Add("DescribeNetworkAcls", (p, s) => Paged("networkAclSet", _model.DescribeNetworkAcls(s, Query(p, "NetworkAclId")), a => NetworkAcl(s, a)));
        Add("DeleteNetworkAcl", (p, s) =>
        {
            _model.DeleteNetworkAcl(s, p.Required("NetworkAclId"));
            return Return();
        });
        Add("CreateNetworkAclEntry", (p, s) =>
        {
            _model.CreateNetworkAclEntry(s, p.Required("NetworkAclId"), EntryOf(p));
            return Return();
        });
        Add("ReplaceNetworkAclEntry", (p, s) =>
        {
            _model.ReplaceNetworkAclEntry(s, p.Required("NetworkAclId"), EntryOf(p));
            return Return();
        });
        Add("DeleteNetworkAclEntry", (p, s) =>
        {
            _model.DeleteNetworkAclEntry(s, p.Required("NetworkAclId"), RuleNumberOf(p), EgressOf(p));
            return Return();
        });
        Add("ReplaceNetworkAclAssociation", (p, s) =>
            [E("newAssociationId", _model.ReplaceNetworkAclAssociation(s, p.Required("AssociationId"), p.Required("NetworkAclId")))]);
    }

    private string GroupIdOf(QueryParameters p, Ec2Scope scope)
    {
        if (p.Get("GroupId") is { Length: > 0 } id)
        {
            return id;
        }

        var name = p.Get("GroupName") ?? p.Required("GroupId");
        return _model.DescribeSecurityGroups(scope, DescribeQuery.All, [name]).Items[0].Id;
    }

    private static int RuleNumberOf(QueryParameters p) =>
        p.GetInt("RuleNumber") ?? throw new AwsServiceException("MissingParameter", "The request must contain the parameter ruleNumber");

    private static bool EgressOf(QueryParameters p) =>
        p.GetBool("Egress") ?? throw new AwsServiceException("MissingParameter", "The request must contain the parameter egress");

    private static NetworkAclEntry EntryOf(QueryParameters p) => new()
    {
        RuleNumber = RuleNumberOf(p),
        Egress = EgressOf(p),
        Protocol = p.Required("Protocol"),
        RuleAction = p.Required("RuleAction"),
        CidrBlock = p.Get("CidrBlock"),
        Ipv6CidrBlock = p.Get("Ipv6CidrBlock"),
        PortFrom = p.GetInt("PortRange.From"),
        PortTo = p.GetInt("PortRange.To"),
        IcmpType = p.GetInt("Icmp.Type"),
        IcmpCode = p.GetInt("Icmp.Code"),
    };

    private IEnumerable<object?> SecurityGroup(Ec2Scope scope, SecurityGroup group) =>
    [
        E("ownerId", group.OwnerId),
        E("groupId", group.Id),
        E("groupName", group.GroupName),
        E("groupDescription", group.Description),
        E("vpcId", group.VpcId),
        E("securityGroupArn", group.Arn),
        PermissionSet("ipPermissions", group.Rules.Where(r => !r.IsEgress)),
        PermissionSet("ipPermissionsEgress", group.Rules.Where(r => r.IsEgress)),
        TagSet(_model.TagsOf(scope.AccountId, group.Id)),
    ];

    /// <summary>DescribeSecurityGroups groups rules that share protocol and ports into one IpPermission.</summary>
    private System.Xml.Linq.XElement PermissionSet(string name, IEnumerable<SecurityGroupRule> rules) =>
        Set(name, rules.GroupBy(r => (r.IpProtocol, r.FromPort, r.ToPort)), g => (IEnumerable<object?>)
        [
            E("ipProtocol", g.Key.IpProtocol),
            Opt("fromPort", g.Key.FromPort),
            Opt("toPort", g.Key.ToPort),
            Set("groups", g.Where(r => r.ReferencedGroupId is not null), r => (IEnumerable<object?>)
            [
                E("userId", r.ReferencedUserId), E("groupId", r.ReferencedGroupId), Opt("vpcId", r.ReferencedVpcId),
                Opt("vpcPeeringConnectionId", r.ReferencedPeeringId), Opt("peeringStatus", _model.ReferencePeeringStatus(r)),
                Opt("description", r.Description),
            ]),
            Set("ipRanges", g.Where(r => r.CidrIpv4 is not null), r => (IEnumerable<object?>)[E("cidrIp", r.CidrIpv4), Opt("description", r.Description)]),
            Set("ipv6Ranges", g.Where(r => r.CidrIpv6 is not null), r => (IEnumerable<object?>)[E("cidrIpv6", r.CidrIpv6), Opt("description", r.Description)]),
            Set("prefixListIds", g.Where(r => r.PrefixListId is not null),
                r => (IEnumerable<object?>)[E("prefixListId", r.PrefixListId), Opt("description", r.Description)]),
        ]);

    private IEnumerable<object?> Rule(Ec2Scope scope, SecurityGroup group, SecurityGroupRule rule) =>
    [
        E("securityGroupRuleId", rule.Id),
        E("groupId", group.Id),
        E("groupOwnerId", group.OwnerId),
        Bool("isEgress", rule.IsEgress),
        E("ipProtocol", rule.IpProtocol),
        Int("fromPort", rule.FromPort ?? -1),
        Int("toPort", rule.ToPort ?? -1),
        Opt("cidrIpv4", rule.CidrIpv4),
        Opt("cidrIpv6", rule.CidrIpv6),
        Opt("prefixListId", rule.PrefixListId),
        rule.ReferencedGroupId is null ? null : E("referencedGroupInfo",
            E("groupId", rule.ReferencedGroupId), E("userId", rule.ReferencedUserId), Opt("vpcId", rule.ReferencedVpcId),
            Opt("vpcPeeringConnectionId", rule.ReferencedPeeringId), Opt("peeringStatus", _model.ReferencePeeringStatus(rule))),
        Opt("description", rule.Description),
        TagSet(_model.TagsOf(scope.AccountId, rule.Id)),
        E("securityGroupRuleArn", $"arn:aws:ec2:{group.Region}:{group.OwnerId}:security-group-rule/{rule.Id}"),
    ];

    private IEnumerable<object?> StalePermission(SecurityGroupRule rule) =>
    [
        E("ipProtocol", rule.IpProtocol),
        Opt("fromPort", rule.FromPort),
        Opt("toPort", rule.ToPort),
        Set("groups", [rule], r => (IEnumerable<object?>)
        [
            E("userId", r.ReferencedUserId), E("groupId", r.ReferencedGroupId), Opt("vpcId", r.ReferencedVpcId),
            Opt("vpcPeeringConnectionId", r.ReferencedPeeringId), Opt("peeringStatus", _model.ReferencePeeringStatus(r)),
            Opt("description", r.Description),
        ]),
        E("ipRanges"),
        E("prefixListIds"),
    ];

    private IEnumerable<object?> NetworkAcl(Ec2Scope scope, NetworkAcl acl) =>
    [
        E("networkAclId", acl.Id),
        E("vpcId", acl.VpcId),
        E("ownerId", acl.OwnerId),
        Bool("default", acl.IsDefault),
        Set("entrySet", acl.Entries, e => (IEnumerable<object?>)
        [
            E("ruleNumber", e.RuleNumber.ToString(CultureInfo.InvariantCulture)),
            E("protocol", e.Protocol),
            E("ruleAction", e.RuleAction),
            Bool("egress", e.Egress),
            Opt("cidrBlock", e.CidrBlock),
            Opt("ipv6CidrBlock", e.Ipv6CidrBlock),
            e.IcmpType is null ? null : E("icmpTypeCode", Opt("code", e.IcmpCode), Opt("type", e.IcmpType)),
            e.PortFrom is null ? null : E("portRange", Opt("from", e.PortFrom), Opt("to", e.PortTo)),
        ]),
        Set("associationSet", acl.Associations, a => (IEnumerable<object?>)
            [E("networkAclAssociationId", a.Id), E("networkAclId", acl.Id), E("subnetId", a.SubnetId)]),
        TagSet(_model.TagsOf(scope.AccountId, acl.Id)),
    ];
}
