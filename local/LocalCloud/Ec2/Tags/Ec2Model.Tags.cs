using System.Globalization;
using System.Text.Json.Nodes;
using LocalCloud.Core;

namespace LocalCloud.Ec2;

/// <summary>A tag as DescribeTags reports it.</summary>
/// <param name="ResourceId">The resource.</param>
/// <param name="ResourceType">EC2's resource type name, e.g. <c>vpc</c>.</param>
/// <param name="Key">Tag key.</param>
/// <param name="Value">Tag value.</param>
public sealed record TagDescription(string ResourceId, string ResourceType, string Key, string Value);

public sealed partial class Ec2Model
{
    private const int MaxTagsPerResource = 50;

    /// <summary>The tags one account sees on a resource.</summary>
    public IReadOnlyDictionary<string, string> TagsOf(string accountId, string resourceId) =>
        Locked(() => (IReadOnlyDictionary<string, string>)_state.Tags
            .Where(t => t.AccountId == accountId && t.ResourceId == resourceId)
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));

    /// <summary>CreateTags: adds or overwrites tags on resources the caller can see.</summary>
    public void CreateTags(Ec2Scope scope, IReadOnlyList<string> resourceIds, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (resourceIds.Count == 0)
        {
            throw Error("MissingParameter", "The request must contain the parameter resourceIdSet");
        }

        if (tags.Count == 0)
        {
            throw Error("MissingParameter", "The request must contain the parameter tagSet");
        }

        foreach (var (key, value) in tags)
        {
            ValidateTag(key, value);
        }

        Locked(() =>
        {
            foreach (var id in resourceIds)
            {
                RequireTaggable(scope, id);
                var merged = TagsOf(scope.AccountId, id).ToDictionary(StringComparer.Ordinal);
                foreach (var (key, value) in tags)
                {
                    merged[key] = value;
                }

                if (merged.Count > MaxTagsPerResource)
                {
                    throw Error("TagLimitExceeded", $"The maximum number of Tags for a resource has been reached (resource: {id}).");
                }
            }

            foreach (var id in resourceIds)
            {
                SetTags(scope.AccountId, id, tags);
                PublishTagChange(scope, id, [.. tags.Select(t => t.Key).Distinct(StringComparer.Ordinal)]);
            }
        });
    }

    /// <summary>DeleteTags: removes the keys (only where the value matches, when one is given); no keys removes every tag.</summary>
    public void DeleteTags(Ec2Scope scope, IReadOnlyList<string> resourceIds, IReadOnlyList<KeyValuePair<string, string?>> tags)
    {
        if (resourceIds.Count == 0)
        {
            throw Error("MissingParameter", "The request must contain the parameter resourceIdSet");
        }

        Locked(() =>
        {
            foreach (var id in resourceIds)
            {
                RequireTaggable(scope, id);
            }

            foreach (var id in resourceIds)
            {
                var removed = _state.Tags.Where(t => t.AccountId == scope.AccountId && t.ResourceId == id
                    && (tags.Count == 0 || tags.Any(d => d.Key == t.Key && (d.Value is null || d.Value == t.Value)))).ToList();
                _state.Tags.RemoveAll(removed.Contains);
                if (removed.Count > 0)
                {
                    PublishTagChange(scope, id, [.. removed.Select(t => t.Key)]);
                }
            }
        });
    }

    /// <summary>DescribeTags: filters <c>key</c>, <c>value</c>, <c>resource-id</c>, <c>resource-type</c>.</summary>
    public Ec2Page<TagDescription> DescribeTags(Ec2Scope scope, DescribeQuery query) => Locked(() =>
    {
        var tags = _state.Tags.Where(t => t.AccountId == scope.AccountId && IsVisible(scope, t.ResourceId))
            .Select(t => new TagDescription(t.ResourceId, Ec2IdKind.ForId(t.ResourceId)?.ResourceType ?? "", t.Key, t.Value))
            .OrderBy(t => t.ResourceId, StringComparer.Ordinal).ThenBy(t => t.Key, StringComparer.Ordinal)
            .ToList();
        var matching = FilterEngine.Apply(tags, query.Filters, TagFilters, _ => new Dictionary<string, string>());
        return FilterEngine.Page(matching, query);
    });

    private void SetTags(string accountId, string resourceId, IEnumerable<KeyValuePair<string, string>> tags)
    {
        foreach (var (key, value) in tags)
        {
            _state.Tags.RemoveAll(t => t.AccountId == accountId && t.ResourceId == resourceId && t.Key == key);
            _state.Tags.Add(new ResourceTag { AccountId = accountId, ResourceId = resourceId, Key = key, Value = value });
        }
    }

    /// <summary>Tags given at creation (TagSpecification): checked like CreateTags, no tag-change event.</summary>
    private void ApplyCreationTags(Ec2Scope scope, string resourceId, IReadOnlyList<KeyValuePair<string, string>>? tags)
    {
        if (tags is null || tags.Count == 0)
        {
            return;
        }

        foreach (var (key, value) in tags)
        {
            ValidateTag(key, value);
        }

        SetTags(scope.AccountId, resourceId, tags);
    }

    private static void ValidateTag(string key, string value)
    {
        if (key.Length is 0 or > 128)
        {
            throw Error("InvalidParameterValue", $"Tag key must be between 1 and 128 characters: '{key}'");
        }

        if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw Error("InvalidParameterValue", $"Value ( {key} ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use");
        }

        if (value.Length > 256)
        {
            throw Error("InvalidParameterValue", $"Tag value exceeds the maximum length of 256 characters (key: {key})");
        }
    }

    private void RequireTaggable(Ec2Scope scope, string id)
    {
        var kind = Ec2IdKind.ForId(id) ?? throw Error("InvalidID", $"The ID '{id}' is not valid");
        if (!IsVisible(scope, id))
        {
            throw kind.NotFound(id);
        }
    }

    private bool IsVisible(Ec2Scope scope, string id) => Ec2IdKind.ForId(id)?.Prefix switch
    {
        "vpc" => _state.Vpcs.Any(r => r.Id == id && r.In(scope)),
        "subnet" => _state.Subnets.Any(r => r.Id == id && r.In(scope)),
        "rtb" => _state.RouteTables.Any(r => r.Id == id && r.In(scope)),
        "sg" => _state.SecurityGroups.Any(r => r.Id == id && r.In(scope)),
        "acl" => _state.NetworkAcls.Any(r => r.Id == id && r.In(scope)),
        "sgr" => _state.SecurityGroups.Any(g => g.In(scope) && g.Rules.Any(r => r.Id == id)),
        "pcx" => _state.PeeringConnections.Any(p => p.Id == id && IsVisible(p, scope)),
        _ => false,
    };

    /// <summary>"Tag Change on Resource" (source <c>aws.tag</c>) for VPCs, on the owner's default bus.</summary>
    private void PublishTagChange(Ec2Scope scope, string resourceId, IReadOnlyList<string> changedKeys)
    {
        if (Ec2IdKind.ForId(resourceId) != Ec2IdKind.Vpc)
        {
            return;
        }

        var versionKey = $"{scope.AccountId}/{resourceId}";
        var version = _state.TagVersions.GetValueOrDefault(versionKey) + 1;
        _state.TagVersions[versionKey] = version;
        var tags = new JsonObject();
        foreach (var (key, value) in TagsOf(scope.AccountId, resourceId).OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            tags[key] = value;
        }

        var detail = new JsonObject
        {
            ["changed-tag-keys"] = new JsonArray([.. changedKeys.Select(k => (JsonNode?)JsonValue.Create(k))]),
            ["service"] = "ec2",
            ["resource-type"] = "vpc",
            ["version"] = version,
            ["tags"] = tags,
        };
        var arn = string.Create(CultureInfo.InvariantCulture, $"arn:aws:ec2:{scope.Region}:{scope.AccountId}:vpc/{resourceId}");
        _events.Publish(new CloudEvent(scope.AccountId, scope.Region, "aws.tag", "Tag Change on Resource", detail, [arn], Now));
    }

    private static readonly FilterSet<TagDescription> TagFilters = new()
    {
        ["key"] = t => [t.Key],
        ["value"] = t => [t.Value],
        ["resource-id"] = t => [t.ResourceId],
        ["resource-type"] = t => [t.ResourceType],
    };
}
