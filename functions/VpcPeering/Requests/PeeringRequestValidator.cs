using VpcPeering.Cidrs;
using VpcPeering.Network;
using VpcPeering.Requests.Json;

namespace VpcPeering.Requests;

/// <summary>Turns a request document into a <see cref="PeeringRequest"/>, reporting every problem with its JSON path.</summary>
public static class PeeringRequestValidator
{
    private const string CidrExpected = "a CIDR block such as 10.2.0.0/16 or 2600:1f18:abcd:1200::/56";
    private const string PortExpected =
        "a port spec: tcp/443, tcp/8000-8100, udp/53, icmp, icmpv6, or all (only with \"allowAllTraffic\": true)";

    /// <param name="document">The document as read from JSON or built from tags.</param>
    /// <param name="alreadyReported">Problems found while reading (their paths are not reported again).</param>
    public static Validated<PeeringRequest> Validate(PeeringRequestDocument document, IEnumerable<Problem>? alreadyReported = null)
    {
        var problems = new ProblemList(alreadyReported);
        var requestId = problems.Optional(document.RequestId, "$.requestId", IsRequestId,
            "1-64 characters of letters, digits and ._:-");
        var name = problems.Optional(document.Name, "$.name", value => value.Length <= 255, "at most 255 characters");
        var requester = ValidateRequester(document.Requester, problems);
        var accepter = ValidateAccepter(document.Accepter, problems);
        if (requester.VpcId == accepter.VpcId && requester.VpcId.Length > 0)
        {
            problems.Add("$.accepter.vpcId", $"'{accepter.VpcId}' is also the requester VPC",
                "a different VPC: a VPC cannot peer with itself");
        }

        var allowAll = document.AllowAllTraffic ?? false;
        var routes = ValidateRoutes(document.Routes, problems);
        var grants = (document.SecurityGroups ?? [])
            .Select((grant, index) => (Grant: grant, Path: $"$.securityGroups[{index}]"))
            .Where(item => item.Grant is not null) // a null item was already reported as a type error
            .Select(item => ValidateGrant(item.Grant, item.Path, allowAll, problems))
            .ToList();
        var networkAcls = ValidateNetworkAclMode(document.NetworkAcls, problems);
        var dns = new DnsOptions(document.Dns?.RequesterResolvesAccepter ?? false, document.Dns?.AccepterResolvesRequester ?? false);

        return problems.IsEmpty
            ? Validated<PeeringRequest>.Success(new PeeringRequest(
                requestId, name, requester, accepter, routes, grants, allowAll, networkAcls, dns, document.DryRun ?? false))
            : Validated<PeeringRequest>.Failure(problems.All);
    }

    private static bool IsRequestId(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');

    private static RequesterVpc ValidateRequester(VpcDocument? vpc, ProblemList problems)
    {
        if (vpc is null)
        {
            problems.Add("$.requester", "is required", "{\"vpcId\": \"vpc-…\", \"region\": \"us-east-1\"}");
            return new RequesterVpc("", "", null);
        }

        if (vpc.RoleArn is not null || vpc.ExternalId is not null)
        {
            problems.Add(vpc.RoleArn is not null ? "$.requester.roleArn" : "$.requester.externalId",
                "belongs to the accepter", "roleArn and externalId under \"accepter\"");
        }

        return new RequesterVpc(
            problems.Require(vpc.VpcId, "$.requester.vpcId", AwsFormats.IsVpcId, AwsFormats.IdExpected("vpc")),
            problems.Require(vpc.Region, "$.requester.region", AwsFormats.IsRegion, AwsFormats.RegionExpected),
            problems.Optional(vpc.AccountId, "$.requester.accountId", AwsFormats.IsAccountId, AwsFormats.AccountIdExpected));
    }

    private static AccepterVpc ValidateAccepter(VpcDocument? vpc, ProblemList problems)
    {
        if (vpc is null)
        {
            problems.Add("$.accepter", "is required",
                "{\"vpcId\": \"vpc-…\", \"region\": \"us-east-1\", \"accountId\": \"123456789012\"}");
            return new AccepterVpc("", "", "", null, null);
        }

        var accountId = problems.Require(vpc.AccountId, "$.accepter.accountId", AwsFormats.IsAccountId, AwsFormats.AccountIdExpected);
        var roleArn = problems.Optional(vpc.RoleArn, "$.accepter.roleArn", AwsFormats.IsRoleArn, AwsFormats.RoleArnExpected);
        if (roleArn is not null && AwsFormats.IsRoleArn(roleArn) && AwsFormats.IsAccountId(accountId)
            && AwsFormats.RoleArnAccount(roleArn) != accountId)
        {
            problems.Add("$.accepter.roleArn", $"is in account {AwsFormats.RoleArnAccount(roleArn)}, not the accepter's {accountId}",
                "a role in the accepter account");
        }

        var externalId = problems.Optional(vpc.ExternalId, "$.accepter.externalId", AwsFormats.IsExternalId,
            "2-1224 characters of letters, digits and +=,.@:/-");
        if (externalId is not null && roleArn is null)
        {
            problems.Add("$.accepter.externalId", "is only used with a role", "a roleArn next to it, or no externalId");
        }

        return new AccepterVpc(
            problems.Require(vpc.VpcId, "$.accepter.vpcId", AwsFormats.IsVpcId, AwsFormats.IdExpected("vpc")),
            problems.Require(vpc.Region, "$.accepter.region", AwsFormats.IsRegion, AwsFormats.RegionExpected),
            accountId,
            roleArn,
            externalId);
    }

    private static RouteOptions ValidateRoutes(RoutesDocument? routes, ProblemList problems)
    {
        if (routes is null)
        {
            return RouteOptions.Default;
        }

        var cidrs = routes.Cidrs ?? CidrSelection.All;
        if (cidrs is CidrSelection.List list)
        {
            if (list.Cidrs.Count == 0)
            {
                problems.Add("$.routes.cidrs", "is an empty list", "\"all\" or at least one CIDR block");
            }

            cidrs = new CidrSelection.List(ValidateCidrs(list.Cidrs, "$.routes.cidrs", problems));
        }

        return new RouteOptions(
            ValidateRouteTables(routes.RequesterRouteTables, "$.routes.requesterRouteTables", problems),
            ValidateRouteTables(routes.AccepterRouteTables, "$.routes.accepterRouteTables", problems),
            cidrs,
            ValidateCidrs(routes.Exclude ?? [], "$.routes.exclude", problems));
    }

    private static RouteTableSelection ValidateRouteTables(RouteTableSelection? selection, string path, ProblemList problems)
    {
        switch (selection)
        {
            case RouteTableSelection.ByIds { RouteTableIds.Count: 0 }:
                problems.Add(path, "is an empty list", "\"all\", route table ids, or a tag filter");
                break;
            case RouteTableSelection.ByIds ids:
                for (var i = 0; i < ids.RouteTableIds.Count; i++)
                {
                    problems.Require(ids.RouteTableIds[i], $"{path}[{i}]", AwsFormats.IsRouteTableId, AwsFormats.IdExpected("rtb"));
                }

                break;
            case RouteTableSelection.ByTags { Tags.Count: 0 }:
                problems.Add($"{path}.tags", "is empty", "at least one tag key, e.g. {\"peering\": \"yes\"}");
                break;
        }

        return selection ?? RouteTableSelection.All;
    }

    /// <summary>Checks each block and returns them in canonical form (host bits are an error: they usually hide a typo).</summary>
    private static List<string> ValidateCidrs(IReadOnlyList<string> cidrs, string path, ProblemList problems)
    {
        var canonical = new List<string>();
        for (var i = 0; i < cidrs.Count; i++)
        {
            if (!Cidr.TryParse(cidrs[i] ?? "", out var network, out var hadHostBits))
            {
                problems.Add($"{path}[{i}]", $"'{cidrs[i]}' is not a CIDR block", CidrExpected);
            }
            else if (hadHostBits)
            {
                problems.Add($"{path}[{i}]", $"'{cidrs[i]}' has host bits set", $"the network address: {network}");
            }

            canonical.Add(hadHostBits ? "" : network.ToString());
        }

        return canonical;
    }

    private static SecurityGroupGrant ValidateGrant(SecurityGroupGrantDocument grant, string path, bool allowAll, ProblemList problems)
    {
        var side = grant.Side switch
        {
            "requester" => Side.Requester,
            "accepter" => Side.Accepter,
            null => Fail(problems, $"{path}.side", "is required"),
            _ => Fail(problems, $"{path}.side", $"'{grant.Side}' is not a side"),
        };

        return new SecurityGroupGrant(
            side,
            ValidateGroupSelection(grant, path, problems),
            ValidatePorts(grant, path, allowAll, problems),
            ValidatePeerGroups(grant.PeerGroupIds, $"{path}.peerGroupIds", problems),
            problems.Optional(grant.Description, $"{path}.description", AwsFormats.IsRuleDescription,
                "at most 255 characters of letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*") ?? "vpc-peering");

        static Side Fail(ProblemList problems, string path, string message)
        {
            problems.Add(path, message, "\"requester\" or \"accepter\": the side whose groups accept the traffic");
            return Side.Accepter;
        }
    }

    private static SecurityGroupSelection ValidateGroupSelection(SecurityGroupGrantDocument grant, string path, ProblemList problems)
    {
        var given = new[] { grant.GroupIds is not null, grant.Tags is not null, grant.DefaultGroup == true }.Count(isGiven => isGiven);
        if (given != 1)
        {
            problems.Add(path, given == 0 ? "does not say which groups" : "gives more than one group selection",
                "exactly one of \"groupIds\", \"tags\" or \"defaultGroup\": true");
            return SecurityGroupSelection.Default;
        }

        if (grant.GroupIds is { } ids)
        {
            if (ids.Count == 0)
            {
                problems.Add($"{path}.groupIds", "is an empty list", "at least one security group id");
            }

            for (var i = 0; i < ids.Count; i++)
            {
                problems.Require(ids[i], $"{path}.groupIds[{i}]", AwsFormats.IsSecurityGroupId, AwsFormats.IdExpected("sg"));
            }

            return new SecurityGroupSelection.ByIds(ids);
        }

        if (grant.Tags is { } tags)
        {
            if (tags.Count == 0)
            {
                problems.Add($"{path}.tags", "is empty", "at least one tag key, e.g. {\"peering\": \"yes\"}");
            }

            return new SecurityGroupSelection.ByTags(tags);
        }

        return SecurityGroupSelection.Default;
    }

    private static List<PortSpec> ValidatePorts(SecurityGroupGrantDocument grant, string path, bool allowAll, ProblemList problems)
    {
        var protocol = grant.Protocol?.ToLowerInvariant();
        if (protocol is not (null or "tcp" or "udp" or "icmp" or "icmpv6" or "all"))
        {
            problems.Add($"{path}.protocol", $"'{grant.Protocol}' is not a protocol", "tcp, udp, icmp, icmpv6 or all");
            return [];
        }

        var texts = grant.Ports ?? [];
        if (texts.Count == 0 && protocol is null or "tcp" or "udp")
        {
            problems.Add($"{path}.ports", "is required", PortExpected);
            return [];
        }

        var specs = new List<PortSpec>();
        if (texts.Count == 0)
        {
            texts = [protocol!];
        }

        for (var i = 0; i < texts.Count; i++)
        {
            var text = protocol is null or "icmp" or "icmpv6" or "all" ? texts[i] ?? "" : $"{protocol}/{texts[i]}";
            var itemPath = grant.Ports is null ? $"{path}.protocol" : $"{path}.ports[{i}]";
            if (!PortSpec.TryParse(text, out var spec, out var error))
            {
                problems.Add(itemPath, error, protocol is null ? PortExpected : "a port (443) or a range (8000-8100)");
            }
            else if (spec.Protocol == IpProtocol.All && !allowAll)
            {
                problems.Add(itemPath, "opens all traffic", "\"allowAllTraffic\": true at the top level to confirm, or specific ports");
            }
            else
            {
                specs.Add(spec);
            }
        }

        return specs;
    }

    private static List<string> ValidatePeerGroups(IReadOnlyList<string>? ids, string path, ProblemList problems)
    {
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            problems.Require(ids![i], $"{path}[{i}]", AwsFormats.IsGroupReference, "sg-… or 123456789012/sg-… (a peer security group)");
        }

        return [.. ids ?? []];
    }

    private static NetworkAclMode ValidateNetworkAclMode(string? mode, ProblemList problems)
    {
        switch (mode)
        {
            case null or "verify":
                return NetworkAclMode.Verify;
            case "update":
                return NetworkAclMode.Update;
            default:
                problems.Add("$.networkAcls", $"'{mode}' is not a mode",
                    "\"verify\" (report blocking entries) or \"update\" (add entries)");
                return NetworkAclMode.Verify;
        }
    }
}
