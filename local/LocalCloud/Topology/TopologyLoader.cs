using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Ec2;
using LocalCloud.Hosting;
using LocalCloud.Iam;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LocalCloud.Topology;

/// <summary>A topology file that cannot be loaded; the message names the file and the YAML path (or line) at fault.</summary>
public sealed class TopologyException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a topology created: every named resource's id (and every role's ARN), by name.</summary>
public sealed class TopologyResult
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

    /// <summary>Ids by topology name, in creation order.</summary>
    public IReadOnlyDictionary<string, string> Ids => _ids;

    /// <summary>The id created for a name.</summary>
    public string this[string name] =>
        _ids.TryGetValue(name, out var id) ? id : throw new KeyNotFoundException($"The topology has no resource named '{name}'.");

    internal void Add(string name, string id, string path)
    {
        if (!_ids.TryAdd(name, id))
        {
            throw new TopologyException($"{path}.name: the name '{name}' is used twice; names must be unique in a topology.");
        }
    }

    internal void Merge(TopologyResult other)
    {
        foreach (var (name, id) in other._ids)
        {
            Add(name, id, "(merged topology)");
        }
    }
}

/// <summary>
/// Seeds accounts, regions, VPCs (with secondary and IPv6 blocks, DNS attributes), subnets, route tables with routes and
/// associations, security groups with rules, network ACLs with entries and associations, tags and IAM roles from a YAML
/// topology file, through the EC2 state model and <see cref="EmulatedCloud.Iam"/>.
/// </summary>
public static class TopologyLoader
{
    /// <summary>Loads a topology file into the cloud's EC2 model and IAM role store.</summary>
    public static TopologyResult LoadFile(EmulatedCloud cloud, Ec2Model ec2, string path) =>
        Load(cloud, ec2, File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Loads topology YAML text; <paramref name="source"/> names it in error messages.</summary>
    public static TopologyResult Load(EmulatedCloud cloud, Ec2Model ec2, string yaml, string source = "topology")
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(ec2);
        var document = Parse(yaml, source);
        var result = new TopologyResult();
        var applier = new Applier(cloud.Iam, ec2, result, source);
        applier.Apply(document);
        return result;
    }

    private static TopologyDocument Parse(string yaml, string source)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            return deserializer.Deserialize<TopologyDocument?>(yaml) ?? new TopologyDocument();
        }
        catch (YamlException error)
        {
            var reason = error.InnerException?.Message ?? error.Message;
            throw new TopologyException(
                $"{source} (line {error.Start.Line}, column {error.Start.Column}): {reason}", error);
        }
    }

    private sealed class Applier(IamRoleStore iam, Ec2Model ec2, TopologyResult result, string source)
    {
        public void Apply(TopologyDocument document)
        {
            for (var a = 0; a < document.Accounts.Count; a++)
            {
                var account = document.Accounts[a];
                var path = $"accounts[{a}]";
                var accountId = Require(account.Id, path + ".id");
                if (!CredentialStore.IsAccountId(accountId))
                {
                    throw Fail($"{path}.id", $"'{accountId}' is not a 12-digit account id.");
                }

                if (account.Name is { } accountName)
                {
                    result.Add(accountName, accountId, path);
                }

                for (var r = 0; r < account.Roles.Count; r++)
                {
                    ApplyRole(accountId, account.Roles[r], $"{path}.roles[{r}]");
                }

                for (var g = 0; g < account.Regions.Count; g++)
                {
                    var region = account.Regions[g];
                    var regionPath = $"{path}.regions[{g}]";
                    var scope = new Ec2Scope(accountId, Require(region.Name, regionPath + ".name"));
                    for (var v = 0; v < region.Vpcs.Count; v++)
                    {
                        ApplyVpc(scope, region.Vpcs[v], $"{regionPath}.vpcs[{v}]");
                    }
                }
            }
        }

        private void ApplyRole(string accountId, RoleSpec spec, string path)
        {
            var name = Require(spec.Name, path + ".name");
            var trust = spec.AssumeRolePolicyDocument ?? TrustPolicy(spec.Trust, path + ".trust");
            var policies = spec.Policies.Select((p, i) =>
                new IamPolicy(Require(p.Name, $"{path}.policies[{i}].name"), Require(p.Document, $"{path}.policies[{i}].document"))).ToList();
            var role = iam.Put(new IamRole(accountId, name, trust, policies, spec.Path));
            result.Add(name, role.Arn, path);
        }

        private string TrustPolicy(TrustSpec? trust, string path)
        {
            if (trust is null || trust.Accounts.Count + trust.Principals.Count == 0)
            {
                throw Fail(path, "a role needs trust.accounts or trust.principals (or an assumeRolePolicyDocument).");
            }

            foreach (var account in trust.Accounts.Where(a => !CredentialStore.IsAccountId(a)))
            {
                throw Fail(path + ".accounts", $"'{account}' is not a 12-digit account id.");
            }

            var principals = new JsonArray([.. trust.Accounts.Select(a => (JsonNode?)$"arn:aws:iam::{a}:root"),
                .. trust.Principals.Select(p => (JsonNode?)p)]);
            var statement = new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = principals },
                ["Action"] = "sts:AssumeRole",
            };
            if (trust.ExternalId is { } externalId)
            {
                statement["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = externalId } };
            }

            return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statement) }.ToJsonString();
        }

        private void ApplyVpc(Ec2Scope scope, VpcSpec spec, string path)
        {
            var name = Require(spec.Name, path + ".name");
            var tags = WithName(spec.Tags, name);
            var vpc = Call(path + ".cidr", () => ec2.CreateVpc(scope, Require(spec.Cidr, path + ".cidr"), spec.Ipv6, tags: tags));
            result.Add(name, vpc.Id, path);
            for (var i = 0; i < spec.SecondaryCidrs.Count; i++)
            {
                Call($"{path}.secondaryCidrs[{i}]", () => ec2.AssociateVpcCidrBlock(scope, vpc.Id, spec.SecondaryCidrs[i], false));
            }

            if (spec.DnsSupport is { } support)
            {
                Call(path + ".dnsSupport", () => ec2.ModifyVpcAttribute(scope, vpc.Id, support, null));
            }

            if (spec.DnsHostnames is { } hostnames)
            {
                Call(path + ".dnsHostnames", () => ec2.ModifyVpcAttribute(scope, vpc.Id, null, hostnames));
            }

            var subnets = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < spec.Subnets.Count; i++)
            {
                var subnet = spec.Subnets[i];
                var subnetPath = $"{path}.subnets[{i}]";
                var subnetName = Require(subnet.Name, subnetPath + ".name");
                var ipv6 = subnet.Ipv6Index is { } index ? Ipv6Subnet(vpc, index, subnetPath + ".ipv6Index") : null;
                var created = Call(subnetPath + ".cidr", () => ec2.CreateSubnet(
                    scope, vpc.Id, Require(subnet.Cidr, subnetPath + ".cidr"), subnet.Az, ipv6, WithName(subnet.Tags, subnetName)));
                result.Add(subnetName, created.Id, subnetPath);
                subnets[subnetName] = created.Id;
            }

            for (var i = 0; i < spec.RouteTables.Count; i++)
            {
                ApplyRouteTable(scope, vpc.Id, spec.RouteTables[i], subnets, $"{path}.routeTables[{i}]");
            }

            ApplySecurityGroups(scope, vpc.Id, spec.SecurityGroups, path);
            for (var i = 0; i < spec.NetworkAcls.Count; i++)
            {
                ApplyNetworkAcl(scope, vpc.Id, spec.NetworkAcls[i], subnets, $"{path}.networkAcls[{i}]");
            }
        }

        private void ApplyRouteTable(Ec2Scope scope, string vpcId, RouteTableSpec spec, Dictionary<string, string> subnets, string path)
        {
            var name = Require(spec.Name, path + ".name");
            var tableId = spec.Main
                ? ec2.DescribeRouteTables(scope, DescribeQuery.Filtered(new Ec2Filter("vpc-id", [vpcId]), new Ec2Filter("association.main", ["true"])))
                    .Items[0].Id
                : ec2.CreateRouteTable(scope, vpcId).Id;
            Call(path + ".tags", () => ec2.CreateTags(scope, [tableId], WithName(spec.Tags, name)));
            result.Add(name, tableId, path);
            for (var i = 0; i < spec.Routes.Count; i++)
            {
                var route = spec.Routes[i];
                var routePath = $"{path}.routes[{i}]";
                var destination = Require(route.Destination, routePath + ".destination");
                var ipv6 = destination.Contains(':', StringComparison.Ordinal);
                Call(routePath, () => ec2.CreateRoute(scope, tableId, new RouteSpec(
                    ipv6 ? null : destination, ipv6 ? destination : null, route.Gateway, null, route.TransitGateway, route.NatGateway)));
            }

            for (var i = 0; i < spec.Subnets.Count; i++)
            {
                var subnetId = Resolve(subnets, spec.Subnets[i], $"{path}.subnets[{i}]", "subnet of this VPC");
                Call($"{path}.subnets[{i}]", () => ec2.AssociateRouteTable(scope, tableId, subnetId));
            }
        }

        private void ApplySecurityGroups(Ec2Scope scope, string vpcId, List<SecurityGroupSpec> specs, string vpcPath)
        {
            var groups = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < specs.Count; i++)
            {
                var spec = specs[i];
                var path = $"{vpcPath}.securityGroups[{i}]";
                var name = Require(spec.Name, path + ".name");
                var groupId = spec.Default
                    ? ec2.DescribeSecurityGroups(scope, DescribeQuery.Filtered(new Ec2Filter("vpc-id", [vpcId]), new Ec2Filter("group-name", ["default"])))
                        .Items[0].Id
                    : Call(path + ".name", () => ec2.CreateSecurityGroup(scope, spec.GroupName ?? name, spec.Description ?? name, vpcId)).Id;
                Call(path + ".tags", () => ec2.CreateTags(scope, [groupId], WithName(spec.Tags, name)));
                result.Add(name, groupId, path);
                groups[name] = groupId;
            }

            // Rules after every group exists, so groups can reference each other by name.
            for (var i = 0; i < specs.Count; i++)
            {
                var path = $"{vpcPath}.securityGroups[{i}]";
                foreach (var (rules, egress, key) in new[] { (specs[i].Ingress, false, "ingress"), (specs[i].Egress, true, "egress") })
                {
                    for (var r = 0; r < rules.Count; r++)
                    {
                        var rulePath = $"{path}.{key}[{r}]";
                        var permission = Permission(rules[r], groups, rulePath);
                        Call(rulePath, () => ec2.AuthorizeSecurityGroup(scope, groups[specs[i].Name!], egress, [permission]));
                    }
                }
            }
        }

        private PermissionSpec Permission(RuleSpec rule, Dictionary<string, string> groups, string path)
        {
            var (from, to) = Ports(rule.Ports, rule.Protocol, path + ".ports");
            var peers = new[] { rule.Cidr, rule.Ipv6Cidr, rule.Group, rule.PrefixList }.Count(p => p is not null);
            if (peers != 1)
            {
                throw Fail(path, "a rule needs exactly one of cidr, ipv6Cidr, group or prefixList.");
            }

            IReadOnlyList<PermissionGroup> group = rule.Group is { } name
                ? [new PermissionGroup(Resolve(groups, name, path + ".group", "security group of this VPC"), Description: rule.Description)]
                : [];
            return new PermissionSpec(
                rule.Protocol,
                from,
                to,
                rule.Cidr is { } cidr ? [new PermissionPeer(cidr, rule.Description)] : [],
                rule.Ipv6Cidr is { } ipv6 ? [new PermissionPeer(ipv6, rule.Description)] : [],
                rule.PrefixList is { } list ? [new PermissionPeer(list, rule.Description)] : [],
                group);
        }

        private void ApplyNetworkAcl(Ec2Scope scope, string vpcId, NetworkAclSpec spec, Dictionary<string, string> subnets, string path)
        {
            var name = Require(spec.Name, path + ".name");
            var acl = spec.Default
                ? ec2.DescribeNetworkAcls(scope, DescribeQuery.Filtered(new Ec2Filter("vpc-id", [vpcId]), new Ec2Filter("default", ["true"]))).Items[0]
                : ec2.CreateNetworkAcl(scope, vpcId);
            Call(path + ".tags", () => ec2.CreateTags(scope, [acl.Id], WithName(spec.Tags, name)));
            result.Add(name, acl.Id, path);
            for (var i = 0; i < spec.Entries.Count; i++)
            {
                var entry = spec.Entries[i];
                var entryPath = $"{path}.entries[{i}]";
                var egress = entry.Direction switch
                {
                    "ingress" or "inbound" => false,
                    "egress" or "outbound" => true,
                    _ => throw Fail(entryPath + ".direction", $"'{entry.Direction}' must be ingress or egress."),
                };
                var (from, to) = Ports(entry.Ports, entry.Protocol, entryPath + ".ports");
                var model = new NetworkAclEntry
                {
                    RuleNumber = entry.Rule,
                    Egress = egress,
                    Protocol = entry.Protocol,
                    RuleAction = entry.Action,
                    CidrBlock = entry.Cidr,
                    Ipv6CidrBlock = entry.Ipv6Cidr,
                    PortFrom = from,
                    PortTo = to,
                    IcmpType = entry.IcmpType,
                    IcmpCode = entry.IcmpCode,
                };
                var exists = acl.Entries.Any(e => e.RuleNumber == entry.Rule && e.Egress == egress);
                Call(entryPath, () => exists ? ec2.ReplaceNetworkAclEntry(scope, acl.Id, model) : ec2.CreateNetworkAclEntry(scope, acl.Id, model));
            }

            for (var i = 0; i < spec.Subnets.Count; i++)
            {
                var subnetPath = $"{path}.subnets[{i}]";
                var subnetId = Resolve(subnets, spec.Subnets[i], subnetPath, "subnet of this VPC");
                var current = ec2.DescribeNetworkAcls(scope, DescribeQuery.Filtered(new Ec2Filter("association.subnet-id", [subnetId]))).Items[0];
                var associationId = current.Associations.First(a => a.SubnetId == subnetId).Id;
                Call(subnetPath, () => ec2.ReplaceNetworkAclAssociation(scope, associationId, acl.Id));
            }
        }

        private string Ipv6Subnet(Vpc vpc, int index, string path)
        {
            if (vpc.Ipv6CidrBlocks.Count == 0)
            {
                throw Fail(path, "the VPC has no IPv6 block; set ipv6: true on the VPC.");
            }

            if (index is < 0 or > 255)
            {
                throw Fail(path, $"{index} must be between 0 and 255 (the /64s of the VPC's /56).");
            }

            var bytes = IPNetwork.Parse(vpc.Ipv6CidrBlocks[0].CidrBlock).BaseAddress.GetAddressBytes();
            bytes[7] = (byte)index;
            return new IPNetwork(new IPAddress(bytes), 64).ToString();
        }

        private (int? From, int? To) Ports(string? ports, string protocol, string path)
        {
            if (ports is null || ports is "all")
            {
                return protocol.ToLowerInvariant() is "tcp" or "udp" or "6" or "17" ? (0, 65535) : (null, null);
            }

            var parts = ports.Split('-');
            if (parts.Length is 1 or 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
            {
                return (from, to);
            }

            throw Fail(path, $"'{ports}' is not a port or a range like 1024-65535.");
        }

        private static IReadOnlyList<KeyValuePair<string, string>> WithName(Dictionary<string, string> tags, string name)
        {
            var all = new Dictionary<string, string>(tags, StringComparer.Ordinal);
            all.TryAdd("Name", name);
            return [.. all];
        }

        private string Resolve(Dictionary<string, string> names, string name, string path, string what) =>
            names.TryGetValue(name, out var id) ? id : throw Fail(path, $"'{name}' is not a {what} declared above.");

        private string Require(string? value, string path) =>
            string.IsNullOrWhiteSpace(value) ? throw Fail(path, "is required.") : value;

        private T Call<T>(string path, Func<T> action)
        {
            try
            {
                return action();
            }
            catch (AwsServiceException error)
            {
                throw Fail(path, $"{error.Code}: {error.Message}", error);
            }
        }

        private void Call(string path, Action action) => Call(path, () =>
        {
            action();
            return 0;
        });

        private TopologyException Fail(string path, string message, Exception? inner = null) => new($"{source}: {path}: {message}", inner);
    }
}
