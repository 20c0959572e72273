using System.Globalization;
using System.Text.Json;
using VpcPeering.Functions.Contracts;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// Turns a console/CLI request, a VPC tag change or a CloudTrail <c>AssociateVpcCidrBlock</c> event into the canonical
/// request (defaults filled in, the requester's account), a teardown, nothing to do, or, for a new block on a VPC without
/// peering tags, the rebuilt request of each peering the tool manages for it.
/// </summary>
public sealed class ResolveRequestStep(StepServices services)
{
    public const string Peer = "peer";
    public const string PeerEach = "peer-each";
    public const string Teardown = "teardown";
    public const string Ignore = "ignore";

    public async Task<ResolveResult> RunAsync(ResolveInput input, InvocationLog log)
    {
        var root = input.Input;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidPeeringRequest("The execution input is not a JSON object. Start the execution with a peering request " +
                "(see schemas/peering-request.schema.json) or let the EventBridge rules start it.");
        }

        var result = (Text(root, "source"), Text(root, "detail-type")) switch
        {
            ("aws.tag", "Tag Change on Resource") => await FromTagChangeAsync(root, input.ExecutionName),
            ("aws.ec2", "AWS API Call via CloudTrail") => await FromCidrAssociationAsync(root, input.ExecutionName, log),
            ({ } source, _) => new ResolveResult(Ignore, null, null, $"events from {source} do not concern peering"),
            _ => await FromRequestAsync(root, input.ExecutionName),
        };
        log.Info($"resolve.{result.Action}", result.Reason ?? $"resolved a {result.Action} request");
        return result;
    }

    private async Task<ResolveResult> FromRequestAsync(JsonElement root, string? executionName)
    {
        var request = PeeringRequestReader.Read(root.GetRawText()).GetValueOrThrow();
        var withDefaults = !root.TryGetProperty("securityGroups", out _) ? WithDefaultPorts(request) : request;
        return await CompleteAsync(withDefaults, executionName, "request");
    }

    private async Task<ResolveResult> FromTagChangeAsync(JsonElement root, string? executionName)
    {
        var vpcId = Text(root.GetProperty("resources")[0]).Split('/')[^1];
        var region = Text(root, "region") ?? services.Configuration.Region;
        var vpc = await VpcAsync(vpcId, region);
        var tags = new PeeringTagReader(services.Configuration.TagPrefix);
        if (tags.RequestsPeering(vpc))
        {
            var request = tags.Read(vpc).GetValueOrThrow();
            var hasPorts = vpc.Tags.ContainsKey(services.Configuration.TagPrefix + "ports");
            return await CompleteAsync(hasPorts ? request : WithDefaultPorts(request), executionName, "tags", vpc);
        }

        var changed = root.TryGetProperty("detail", out var detail) && detail.TryGetProperty("changed-tag-keys", out var keys)
            ? keys.EnumerateArray().Select(key => Text(key)).ToList()
            : [];
        return changed.Contains(services.Configuration.TagPrefix + "peer-vpc")
            ? new ResolveResult(Teardown, null, new TeardownTarget(vpcId, region), $"{vpcId} lost its peer-vpc tag")
            : new ResolveResult(Ignore, null, null, $"{vpcId} has no peer-vpc tag");
    }

    private async Task<ResolveResult> FromCidrAssociationAsync(JsonElement root, string? executionName, InvocationLog log)
    {
        var detail = root.GetProperty("detail");
        if (Text(detail, "eventName") != "AssociateVpcCidrBlock" || FindVpcId(detail) is not { } vpcId)
        {
            return new ResolveResult(Ignore, null, null, "the CloudTrail event is not a VPC CIDR association");
        }

        var region = Text(detail, "awsRegion") ?? Text(root, "region") ?? services.Configuration.Region;
        var vpc = await VpcAsync(vpcId, region);
        var tags = new PeeringTagReader(services.Configuration.TagPrefix);
        if (!tags.RequestsPeering(vpc))
        {
            return await FromManagedPeeringsAsync(vpc, AssociatedBlocks.In(detail), executionName, log);
        }

        var request = tags.Read(vpc).GetValueOrThrow();
        var hasPorts = vpc.Tags.ContainsKey(services.Configuration.TagPrefix + "ports");
        return await CompleteAsync(hasPorts ? request : WithDefaultPorts(request), executionName, "a CIDR association", vpc);
    }

    /// <summary>
    /// A new block on a VPC peered from a request rather than tags: every active peering the tool manages for the VPC runs
    /// again, each in its own execution, with its request rebuilt from what the tool created (the peering reused, only what
    /// the new block needs added).
    /// </summary>
    private async Task<ResolveResult> FromManagedPeeringsAsync(
        Vpc vpc, IReadOnlyList<string> newBlocks, string? executionName, InvocationLog log)
    {
        var rebuilt = await new ManagedPeeringFinder(services, log).RebuildAsync(vpc, newBlocks);
        var parent = executionName ?? services.Host.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var starts = rebuilt.Where(found => found.Request is not null)
            .Select(found => new PeeringStart(ChildName(found.PeeringConnectionId, parent), found.PeeringConnectionId,
                CanonicalRequest.Write(found.Request!)))
            .ToList();
        var blocks = newBlocks.Count > 0 ? string.Join(", ", newBlocks) : "a new block";
        var reasons = rebuilt.Count > 0 ? ": " + string.Join("; ", rebuilt.Select(found => found.Reason)) : "";
        return starts.Count > 0
            ? new ResolveResult(PeerEach, null, null,
                $"{vpc.VpcId} got {blocks}; {starts.Count} managed peering(s) run again{reasons}", starts)
            : new ResolveResult(Ignore, null, null, rebuilt.Count > 0
                ? $"{vpc.VpcId} got {blocks}; no managed peering can run again{reasons}"
                : $"{vpc.VpcId} has no peer-vpc tag and no active peering managed here, so its new block is not routed automatically");
    }

    /// <summary>The peering first, so that a long parent name cannot cut it: executions are 1-80 of letters, digits, - and _.</summary>
    private static string ChildName(string peeringConnectionId, string parent) =>
        Restricted($"{peeringConnectionId}-{parent}", c => c is '-' or '_', 80);

    /// <summary>
    /// Fills in the requester's account and the request id. The requester is always this function's account: a tagged VPC
    /// was described here (which proves it); a console request's VPC is described by Preflight, before anything changes.
    /// </summary>
    private async Task<ResolveResult> CompleteAsync(PeeringRequest request, string? executionName, string origin, Vpc? described = null)
    {
        var owner = described?.AccountId ?? await services.Access.OwnAccountAsync();
        if (request.Requester.AccountId is { } account && account != owner)
        {
            throw new InvalidPeeringRequest($"$.requester.accountId: {account} is not this account ({owner}), which owns " +
                $"{request.Requester.VpcId}; start the peering from the requester's own account.");
        }

        var canonical = request with
        {
            RequestId = request.RequestId ?? RequestIdFrom(executionName),
            Requester = request.Requester with { AccountId = owner },
        };
        return new ResolveResult(Peer, CanonicalRequest.Write(canonical), null,
            $"peer {canonical.Requester.VpcId} with {canonical.Accepter.VpcId} ({canonical.Accepter.AccountId}, {canonical.Accepter.Region}) from {origin}");
    }

    private PeeringRequest WithDefaultPorts(PeeringRequest request)
    {
        var ports = services.Configuration.DefaultPorts
            .Select(text => PortSpec.TryParse(text, out var spec, out _) ? spec : null)
            .OfType<PortSpec>()
            .ToList();
        return ports.Count == 0
            ? request
            : request with
            {
                SecurityGroups = [new SecurityGroupGrant(Side.Accepter, SecurityGroupSelection.Default, ports, [], $"vpc-peering from {request.Requester.VpcId}")],
            };
    }

    private async Task<Vpc> VpcAsync(string vpcId, string region) =>
        await new NetworkReader(services.Host.Clients.Ec2(region), region).DescribeVpcAsync(vpcId, dnsAttributes: false);

    /// <summary>Execution names allow more characters than request ids (1-64 of letters, digits and <c>._:-</c>).</summary>
    private static string? RequestIdFrom(string? executionName)
    {
        if (string.IsNullOrEmpty(executionName))
        {
            return null;
        }

        return Restricted(executionName, c => c is '.' or '_' or ':' or '-', 64);
    }

    /// <summary><paramref name="text"/> with every character but letters, digits and the allowed ones as <c>-</c>, cut to <paramref name="maxLength"/>.</summary>
    private static string Restricted(string text, Func<char, bool> alsoAllowed, int maxLength)
    {
        var restricted = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || alsoAllowed(c) ? c : '-')]);
        return restricted.Length > maxLength ? restricted[..maxLength] : restricted;
    }

    private static string? FindVpcId(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Equals("vpcId", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString();
                    }

                    if (FindVpcId(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(FindVpcId).FirstOrDefault(id => id is not null);
            default:
                return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Text(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
}
