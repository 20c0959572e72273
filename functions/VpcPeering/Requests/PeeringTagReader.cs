using VpcPeering.Network;
using VpcPeering.Requests.Json;

namespace VpcPeering.Requests;

/// <summary>
/// Reads a VPC's <c>peering:*</c> tags (DESIGN §3) into a request where the tagged VPC is the requester.
/// Problems are reported with the tag key as their path.
/// </summary>
/// <param name="prefix">The tag key prefix, <c>peering:</c> unless configured otherwise.</param>
public sealed class PeeringTagReader(string prefix = PeeringTagReader.DefaultPrefix)
{
    public const string DefaultPrefix = "peering:";

    private string PeerVpc => prefix + "peer-vpc";

    private string PeerAccount => prefix + "peer-account";

    private string PeerRegion => prefix + "peer-region";

    private string Ports => prefix + "ports";

    private string SecurityGroups => prefix + "security-groups";

    private string AllowAll => prefix + "allow-all";

    private string RouteTables => prefix + "route-tables";

    private string Dns => prefix + "dns";

    private string NetworkAcls => prefix + "network-acls";

    private IEnumerable<string> KnownKeys =>
        [PeerVpc, PeerAccount, PeerRegion, Ports, SecurityGroups, AllowAll, RouteTables, Dns, NetworkAcls];

    /// <summary>Whether the VPC asks for a peering at all (removing <c>peering:peer-vpc</c> means tear it down).</summary>
    public bool RequestsPeering(Vpc vpc) => vpc.Tags.ContainsKey(PeerVpc);

    public Validated<PeeringRequest> Read(Vpc vpc)
    {
        var problems = new List<Problem>();
        foreach (var unknown in vpc.Tags.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Except(KnownKeys))
        {
            problems.Add(new Problem(unknown, "is not a peering tag", $"one of {string.Join(", ", KnownKeys)}"));
        }

        var document = new PeeringRequestDocument(
            Requester: new VpcDocument(vpc.VpcId, vpc.Region, vpc.AccountId),
            Accepter: new VpcDocument(Tag(vpc, PeerVpc), Tag(vpc, PeerRegion) ?? vpc.Region, Tag(vpc, PeerAccount) ?? vpc.AccountId),
            Routes: new RoutesDocument(RequesterRouteTables: ReadRouteTables(Tag(vpc, RouteTables))),
            SecurityGroups: ReadGrants(vpc),
            AllowAllTraffic: Tag(vpc, AllowAll) is { } allowAll ? allowAll.Equals("true", StringComparison.OrdinalIgnoreCase) : null,
            NetworkAcls: Tag(vpc, NetworkAcls),
            Dns: ReadDns(Tag(vpc, Dns), problems));

        var result = PeeringRequestValidator.Validate(document);
        problems.AddRange(result.Problems.Select(problem => problem with { Path = TagFor(problem.Path) }));
        return problems.Count == 0 ? result : Validated<PeeringRequest>.Failure(problems);
    }

    private static string? Tag(Vpc vpc, string key) => vpc.Tags.TryGetValue(key, out var value) ? value.Trim() : null;

    private static List<string> SplitList(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary><c>all</c>, <c>rtb-a,rtb-b</c>, or <c>tag:Key=Value</c>.</summary>
    private static RouteTableSelection? ReadRouteTables(string? value)
    {
        if (value is null || value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (value.StartsWith("tag:", StringComparison.Ordinal))
        {
            var filter = value["tag:".Length..].Split('=', 2);
            return new RouteTableSelection.ByTags(new Dictionary<string, string> { [filter[0]] = filter.ElementAtOrDefault(1) ?? "" });
        }

        return new RouteTableSelection.ByIds(SplitList(value));
    }

    /// <summary>The ports are opened on the accepter's groups (given ids, else its default group) to the requester.</summary>
    private List<SecurityGroupGrantDocument>? ReadGrants(Vpc vpc)
    {
        if (Tag(vpc, Ports) is not { } ports)
        {
            return null;
        }

        var groups = Tag(vpc, SecurityGroups) is { } ids ? SplitList(ids) : null;
        return [new SecurityGroupGrantDocument(
            Side: "accepter",
            GroupIds: groups,
            DefaultGroup: groups is null ? true : null,
            Ports: SplitList(ports),
            Description: $"vpc-peering from {vpc.VpcId}")];
    }

    /// <summary>
    /// <c>both</c>/<c>true</c>, <c>none</c>/<c>false</c>, <c>requester</c> (requester resolves accepter), <c>accepter</c>.
    /// </summary>
    private DnsDocument? ReadDns(string? value, List<Problem> problems)
    {
        switch (value?.ToLowerInvariant())
        {
            case null or "none" or "false":
                return null;
            case "both" or "true":
                return new DnsDocument(true, true);
            case "requester":
                return new DnsDocument(RequesterResolvesAccepter: true);
            case "accepter":
                return new DnsDocument(AccepterResolvesRequester: true);
            default:
                problems.Add(new Problem(Dns, $"'{value}' is not a DNS setting",
                    "both, none, requester (this VPC resolves the peer's hostnames) or accepter (the peer resolves this VPC's)"));
                return null;
        }
    }

    /// <summary>Where in the tags a document path came from.</summary>
    private string TagFor(string path) => path switch
    {
        _ when path.StartsWith("$.accepter.vpcId", StringComparison.Ordinal) => PeerVpc,
        _ when path.StartsWith("$.accepter.accountId", StringComparison.Ordinal) => PeerAccount,
        _ when path.StartsWith("$.accepter.region", StringComparison.Ordinal) => PeerRegion,
        _ when path.StartsWith("$.routes", StringComparison.Ordinal) => RouteTables,
        _ when path.Contains(".groupIds", StringComparison.Ordinal) => SecurityGroups,
        _ when path.StartsWith("$.securityGroups", StringComparison.Ordinal) => Ports,
        _ when path.StartsWith("$.networkAcls", StringComparison.Ordinal) => NetworkAcls,
        _ => path,
    };
}
