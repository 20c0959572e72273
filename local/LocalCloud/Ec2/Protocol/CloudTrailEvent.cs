using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using LocalCloud.Core;
using LocalCloud.Protocols;

namespace LocalCloud.Ec2.Protocol;

/// <summary>
/// "AWS API Call via CloudTrail" events for EC2 (source <c>aws.ec2</c>). As CloudTrail records EC2 calls,
/// <c>requestParameters</c> use camelCase names with lists as <c>{ "items": [...] }</c>, and <c>responseElements</c>
/// is the response XML in JSON form.
/// </summary>
internal static class CloudTrailEvent
{
    public static CloudEvent For(AwsCallContext context, string action, QueryParameters parameters, XElement? response, AwsServiceException? error)
    {
        var detail = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = UserIdentity(context.Caller),
            ["eventTime"] = context.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["eventSource"] = "ec2.amazonaws.com",
            ["eventName"] = action,
            ["awsRegion"] = context.Region,
            ["sourceIPAddress"] = "127.0.0.1",
            ["userAgent"] = "localcloud",
            ["requestParameters"] = RequestParameters(parameters),
            ["responseElements"] = response is null ? null : ResponseElements(response),
            ["requestID"] = context.RequestId,
            ["eventID"] = context.RequestId,
            ["readOnly"] = false,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = context.AccountId,
            ["eventCategory"] = "Management",
        };
        if (error is not null)
        {
            detail["errorCode"] = error.Code;
            detail["errorMessage"] = error.Message;
        }

        return new CloudEvent(context.AccountId, context.Region, "aws.ec2", "AWS API Call via CloudTrail", detail, [], context.Time);
    }

    private static JsonObject UserIdentity(AwsPrincipal caller)
    {
        if (caller.RoleArn is null)
        {
            return new JsonObject
            {
                ["type"] = "Root",
                ["principalId"] = caller.AccountId,
                ["arn"] = caller.Arn,
                ["accountId"] = caller.AccountId,
                ["accessKeyId"] = caller.AccessKeyId,
            };
        }

        return new JsonObject
        {
            ["type"] = "AssumedRole",
            ["principalId"] = string.Join(':', caller.Arn.Split('/').Skip(1)),
            ["arn"] = caller.Arn,
            ["accountId"] = caller.AccountId,
            ["accessKeyId"] = caller.AccessKeyId,
            ["sessionContext"] = new JsonObject
            {
                ["sessionIssuer"] = new JsonObject { ["type"] = "Role", ["arn"] = caller.RoleArn, ["accountId"] = caller.AccountId },
            },
        };
    }

    /// <summary><c>Filter.1.Name=x</c> → <c>{"filterSet":{"items":[{"name":"x"}]}}</c>; <c>CidrBlock</c> → <c>cidrBlock</c>.</summary>
    private static JsonObject RequestParameters(QueryParameters parameters)
    {
        var paths = parameters.Values.Where(kv => kv.Key is not ("Action" or "Version"))
            .Select(kv => (Segments: kv.Key.Split('.'), kv.Value)).ToList();
        return (JsonObject)Build(paths);
    }

    private static JsonNode Build(List<(string[] Segments, string Value)> entries)
    {
        var result = new JsonObject();
        foreach (var group in entries.Where(e => e.Segments.Length > 0).GroupBy(e => e.Segments[0], StringComparer.Ordinal))
        {
            var leaf = group.FirstOrDefault(e => e.Segments.Length == 1);
            var children = group.Where(e => e.Segments.Length > 1).Select(e => (e.Segments[1..], e.Value)).ToList();
            var name = CamelCase(group.Key);
            if (children.Count == 0)
            {
                result[name] = Scalar(leaf.Value);
                continue;
            }

            if (children.All(c => int.TryParse(c.Item1[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                var items = new JsonArray();
                foreach (var item in children.GroupBy(c => int.Parse(c.Item1[0], CultureInfo.InvariantCulture)).OrderBy(g => g.Key))
                {
                    var inner = item.Where(c => c.Item1.Length > 1).Select(c => (c.Item1[1..], c.Value)).ToList();
                    items.Add(inner.Count == 0 ? Scalar(item.First().Value) : Build(inner));
                }

                result[name + "Set"] = new JsonObject { ["items"] = items };
                continue;
            }

            result[name] = Build(children);
        }

        return result;
    }

    private static JsonNode ResponseElements(XElement response)
    {
        var result = (JsonObject)Convert(response)!;
        return result;
    }

    private static JsonNode? Convert(XElement element)
    {
        if (!element.HasElements)
        {
            return element.Name.LocalName.EndsWith("Set", StringComparison.Ordinal) || element.Name.LocalName == "propagatingVgwSet"
                ? new JsonObject { ["items"] = new JsonArray() }
                : Scalar(element.Value);
        }

        if (element.Elements().All(e => e.Name.LocalName == "item"))
        {
            return new JsonObject { ["items"] = new JsonArray([.. element.Elements().Select(Convert)]) };
        }

        var result = new JsonObject();
        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName == "return" ? "_return" : child.Name.LocalName;
            result[name] = Convert(child);
        }

        return result;
    }

    private static JsonNode? Scalar(string value) => value switch
    {
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ => JsonValue.Create(value),
    };

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
