using System.Globalization;
using VpcPeering.Network;

namespace VpcPeering.Functions.Ec2;

/// <summary>
/// How the tool recognises what it created, without remembering: tags on the peering connection and NACLs,
/// a marker at the end of security group rule descriptions, and routes by their peering target.
/// </summary>
public static class ManagedMarkers
{
    public const string ManagedByKey = "managed-by";
    public const string ManagedByValue = "vpc-peering";
    public const string RequestIdKey = "vpc-peering:request-id";
    public const string ExecutionKey = "vpc-peering:execution";
    public const string AccepterRoleKey = "vpc-peering:accepter-role";

    /// <summary>The prefix of the NACL tag keys that list a peering's entries.</summary>
    public const string NetworkAclEntriesPrefix = "vpc-peering:";

    private const int MaxDescriptionLength = 255;

    /// <summary>How a rule marker opens; the peering id and <c>]</c> follow.</summary>
    private const string MarkerOpening = "[vpc-peering ";

    /// <summary>The NACL tag that lists the entries the tool added there for a peering: <c>in:100 out:101</c>.</summary>
    public static string NetworkAclEntriesKey(string peeringConnectionId) => NetworkAclEntriesPrefix + peeringConnectionId;

    /// <summary>The peering whose entries a NACL tag key lists, or null for any other key.</summary>
    public static string? PeeringOfNetworkAclEntriesKey(string key) =>
        key.StartsWith(NetworkAclEntriesPrefix + "pcx-", StringComparison.Ordinal) ? key[NetworkAclEntriesPrefix.Length..] : null;

    /// <summary>The marker that ends the description of every rule the tool adds for a peering.</summary>
    public static string RuleMarker(string peeringConnectionId) => $"{MarkerOpening}{peeringConnectionId}]";

    /// <summary>The user's description with the marker, shortened to EC2's 255 characters.</summary>
    public static string RuleDescription(string? description, string peeringConnectionId)
    {
        var marker = RuleMarker(peeringConnectionId);
        var text = (description ?? "").Trim();
        var room = MaxDescriptionLength - marker.Length - 1;
        if (text.Length > room)
        {
            text = text[..room].TrimEnd();
        }

        return text.Length == 0 ? marker : $"{text} {marker}";
    }

    public static bool IsManagedRule(string? description, string peeringConnectionId) =>
        description?.EndsWith(RuleMarker(peeringConnectionId), StringComparison.Ordinal) == true;

    /// <summary>The peering a rule's marker names, or null when the description ends with no marker.</summary>
    public static string? PeeringOfRule(string? description)
    {
        var start = description?.LastIndexOf(MarkerOpening, StringComparison.Ordinal) ?? -1;
        if (start < 0 || !description!.EndsWith(']'))
        {
            return null;
        }

        var id = description[(start + MarkerOpening.Length)..^1];
        return id.StartsWith("pcx-", StringComparison.Ordinal) ? id : null;
    }

    /// <summary>A managed rule's description without the marker (the request's description), or null when it was only the marker.</summary>
    public static string? UserDescription(string description, string peeringConnectionId)
    {
        var text = description[..^RuleMarker(peeringConnectionId).Length].Trim();
        return text.Length == 0 ? null : text;
    }

    public static bool IsManaged(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(ManagedByKey, out var value) && value == ManagedByValue;

    public static string FormatEntries(IEnumerable<(int RuleNumber, bool Egress)> entries) =>
        string.Join(' ', entries.Distinct().Select(entry => $"{(entry.Egress ? "out" : "in")}:{entry.RuleNumber.ToString(CultureInfo.InvariantCulture)}"));

    public static IReadOnlyList<(int RuleNumber, bool Egress)> ParseEntries(string? value) =>
        [.. (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(item => item.Split(':', 2))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(parts => (int.Parse(parts[1], CultureInfo.InvariantCulture), parts[0] == "out"))];

    /// <summary>The tags a new peering connection carries.</summary>
    public static Dictionary<string, string> PeeringTags(string name, string requestId, string executionName, string? accepterRoleArn)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Name"] = name,
            [ManagedByKey] = ManagedByValue,
            [RequestIdKey] = requestId,
            [ExecutionKey] = executionName,
        };
        if (accepterRoleArn is not null)
        {
            tags[AccepterRoleKey] = accepterRoleArn;
        }

        return tags;
    }

    /// <summary>Whether this execution created the peering (rollback deletes only such peerings).</summary>
    public static bool CreatedBy(PeeringConnection peering, string? executionName) =>
        executionName is not null && peering.Tags.TryGetValue(ExecutionKey, out var value) && value == executionName;
}
