using LocalCloud.Core;
using LocalCloud.Protocols;

namespace LocalCloud.Ec2.Protocol;

/// <summary>Reads the EC2 Query shapes (filters, tag specifications, IP permissions) from flattened parameters.</summary>
internal static class Ec2RequestReader
{
    public static DescribeQuery Query(QueryParameters p, string idParameter) => new(
        idParameter.Length == 0 ? [] : p.List(idParameter),
        [.. p.Members("Filter").Select(m => new Ec2Filter(
            p.Get($"{m}.Name") ?? throw new AwsServiceException("MissingParameter", "The request must contain the parameter Filter.Name"),
            p.List($"{m}.Value")))],
        p.GetInt("MaxResults"),
        p.Get("NextToken"));

    /// <summary>The tags of the <c>TagSpecification.N</c> for that resource type.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> TagSpecifications(QueryParameters p, string resourceType)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var spec in p.Members("TagSpecification"))
        {
            var type = p.Get($"{spec}.ResourceType");
            if (type != resourceType)
            {
                throw new AwsServiceException("InvalidParameterValue",
                    $"'{type}' is not a valid taggable resource type for this operation. This operation tags resources of type '{resourceType}'.");
            }

            tags.AddRange(Tags(p, $"{spec}.Tag").Select(t => KeyValuePair.Create(t.Key, t.Value ?? "")));
        }

        return tags;
    }

    public static IReadOnlyList<KeyValuePair<string, string?>> Tags(QueryParameters p, string prefix) =>
        [.. p.Members(prefix).Select(m => KeyValuePair.Create(
            p.Get($"{m}.Key") ?? throw new AwsServiceException("MissingParameter", "The request must contain the parameter Tag.Key"),
            p.Get($"{m}.Value")))];

    public static IReadOnlyList<PermissionSpec> Permissions(QueryParameters p)
    {
        var permissions = p.Members("IpPermissions").Select(m => new PermissionSpec(
            p.Get($"{m}.IpProtocol") ?? throw new AwsServiceException("MissingParameter", "The request must contain the parameter ipProtocol"),
            p.GetInt($"{m}.FromPort"),
            p.GetInt($"{m}.ToPort"),
            Peers(p, $"{m}.IpRanges", "CidrIp"),
            Peers(p, $"{m}.Ipv6Ranges", "CidrIpv6"),
            Peers(p, $"{m}.PrefixListIds", "PrefixListId"),
            [.. p.Members($"{m}.Groups").Select(g => new PermissionGroup(
                p.Get($"{g}.GroupId"), p.Get($"{g}.UserId"), p.Get($"{g}.GroupName"), p.Get($"{g}.Description")))])).ToList();

        // The older flat form: CidrIp / SourceSecurityGroupName with IpProtocol, FromPort, ToPort.
        if (p.Get("IpProtocol") is { } protocol)
        {
            IReadOnlyList<PermissionPeer> ranges = p.Get("CidrIp") is { } cidr ? [new PermissionPeer(cidr)] : [];
            IReadOnlyList<PermissionGroup> groups = p.Get("SourceSecurityGroupName") is { } name
                ? [new PermissionGroup(null, p.Get("SourceSecurityGroupOwnerId"), name)]
                : [];
            permissions.Add(new PermissionSpec(protocol, p.GetInt("FromPort"), p.GetInt("ToPort"), ranges, [], [], groups));
        }

        return permissions;
    }

    public static bool Bool(QueryParameters p, string name) => p.GetBool(name) ?? false;

    private static IReadOnlyList<PermissionPeer> Peers(QueryParameters p, string prefix, string valueName) =>
        [.. p.Members(prefix).Select(r => new PermissionPeer(
            p.Get($"{r}.{valueName}") ?? throw new AwsServiceException("MissingParameter", $"The request must contain the parameter {valueName}"),
            p.Get($"{r}.Description")))];
}
