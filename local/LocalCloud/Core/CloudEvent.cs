using System.Text.Json.Nodes;

namespace LocalCloud.Core;

/// <summary>An event that an AWS service emits on its own (tag changes, CloudTrail API calls) or that PutEvents carries.</summary>
/// <param name="AccountId">The account whose bus receives the event.</param>
/// <param name="Region">The region of that bus.</param>
/// <param name="Source">The event source, e.g. <c>aws.tag</c> or <c>aws.ec2</c>.</param>
/// <param name="DetailType">The detail-type, e.g. <c>Tag Change on Resource</c>.</param>
/// <param name="Detail">The detail object.</param>
/// <param name="Resources">ARNs of the resources concerned.</param>
/// <param name="Time">When it happened (cloud time).</param>
public sealed record CloudEvent(
    string AccountId,
    string Region,
    string Source,
    string DetailType,
    JsonObject Detail,
    IReadOnlyList<string> Resources,
    DateTimeOffset Time);
