using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using LocalCloud.Core;
using LocalCloud.Hosting;
using StatesLanguage;
using StatesLanguage.Tasks;

namespace LocalCloud.StepFunctions.Integrations;

/// <summary>
/// <c>arn:aws:states:::aws-sdk:ec2:&lt;action&gt;</c>: the PascalCase parameters become an EC2 Query request signed with
/// the task's credentials and dispatched in-process (so the request log shows the state machine's role); the XML
/// response becomes PascalCase JSON in the shape of the SDK's response (<c>vpcSet</c> → <c>Vpcs</c>, items → arrays).
/// An EC2 error fails the task with <c>Ec2.&lt;Code&gt;</c> (e.g. <c>Ec2.InvalidVpcID.NotFound</c>).
/// </summary>
/// <remarks>
/// Parameter names follow the documented plural convention (<c>Filters</c> for <c>Filter.N</c>, <c>VpcIds</c> for
/// <c>VpcId.N</c>); the mapping covers the networking actions the product uses, not the whole EC2 model.
/// </remarks>
internal sealed class Ec2SdkIntegration(StepFunctionsService service)
{
    private const string ApiVersion = "2016-11-15";

    private static readonly Dictionary<string, string> QueryListNames = new(StringComparer.Ordinal)
    {
        ["Filters"] = "Filter",
        ["Values"] = "Value",
        ["Tags"] = "Tag",
        ["TagSpecifications"] = "TagSpecification",
        ["Resources"] = "ResourceId",
        ["UserIdGroupPairs"] = "Groups",
        ["Entries"] = "Entry",
    };

    private static readonly HashSet<string> KeptSetNames = new(StringComparer.Ordinal)
    {
        "cidrBlockAssociationSet", "ipv6CidrBlockAssociationSet", "cidrBlockSet", "ipv6CidrBlockSet",
    };

    private static readonly Dictionary<string, string> ResponseNames = new(StringComparer.Ordinal)
    {
        ["securityGroupInfo"] = "SecurityGroups",
        ["groups"] = "UserIdGroupPairs",
        ["return"] = "Return",
    };

    private static readonly HashSet<string> NumericNames = new(StringComparer.Ordinal)
    {
        "FromPort", "ToPort", "RuleNumber", "Code", "Type",
    };

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var api = invocation.BaseResource[(invocation.BaseResource.LastIndexOf(':') + 1)..];
        var action = char.ToUpperInvariant(api[0]) + api[1..];
        var form = new List<(string Name, string Value)> { ("Action", action), ("Version", ApiVersion) };
        if (invocation.Input is JsonObject parameters)
        {
            foreach (var (name, value) in parameters)
            {
                Flatten(QueryName(name), value, form);
            }
        }

        var credentials = service.Principals.Resolve(invocation);
        var body = string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        var request = new AwsServiceRequest("POST", "/", string.Empty,
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8" },
            Encoding.UTF8.GetBytes(body));
        var signed = SigV4Signature.Sign(request, credentials.AccessKeyId, credentials.SecretAccessKey, invocation.Region, "ec2",
            service.Cloud.Time.GetUtcNow(), credentials.SessionToken);
        var response = await service.Cloud.DispatchAsync(signed, cancellationToken);
        var xml = XDocument.Parse(Encoding.UTF8.GetString(response.Body.Span));
        if (response.StatusCode >= 300)
        {
            var error = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value ?? response.ErrorCode ?? "Ec2Exception";
            var message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
            throw new StatesErrorException($"Ec2.{code}",
                $"{message} (Service: Ec2, Status Code: {response.StatusCode}, Error Code: {code})");
        }

        var result = new JsonObject();
        foreach (var element in xml.Root!.Elements().Where(e => e.Name.LocalName != "requestId"))
        {
            result[ResponseName(element)] = ToJson(element);
        }

        return result;
    }

    private static void Flatten(string prefix, JsonNode? value, List<(string, string)> form)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, member) in obj)
                {
                    Flatten($"{prefix}.{QueryName(name)}", member, form);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(string.Create(CultureInfo.InvariantCulture, $"{prefix}.{i + 1}"), array[i], form);
                }

                break;
            case JsonValue scalar:
                form.Add((prefix, scalar.TryGetValue<string>(out var text) ? text
                    : scalar.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false")
                    : scalar.ToJsonString()));
                break;
        }
    }

    /// <summary>The Query name of a parameter: <c>VpcIds</c> → <c>VpcId</c>, <c>Filters</c> → <c>Filter</c>, others unchanged.</summary>
    private static string QueryName(string name) =>
        QueryListNames.TryGetValue(name, out var mapped) ? mapped
        : name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^1]
        : name;

    private static JsonNode? ToJson(XElement element)
    {
        var children = element.Elements().ToList();
        if (children.Count == 0)
        {
            return element.Value switch
            {
                "true" => true,
                "false" => false,
                var text when NumericNames.Contains(Pascal(element.Name.LocalName))
                    && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
                var text => IsList(element) ? new JsonArray() : text,
            };
        }

        if (children.All(c => c.Name.LocalName == "item"))
        {
            return new JsonArray([.. children.Select(ToJson)]);
        }

        var obj = new JsonObject();
        foreach (var child in children)
        {
            obj[ResponseName(child)] = ToJson(child);
        }

        return obj;
    }

    private static bool IsList(XElement element) => element.Name.LocalName.EndsWith("Set", StringComparison.Ordinal)
        || element.Name.LocalName is "ipRanges" or "ipv6Ranges" or "groups" or "prefixListIds";

    /// <summary>The SDK member name of an XML element: <c>vpcSet</c> → <c>Vpcs</c>, <c>entrySet</c> → <c>Entries</c>.</summary>
    private static string ResponseName(XElement element)
    {
        var name = element.Name.LocalName;
        if (ResponseNames.TryGetValue(name, out var mapped))
        {
            return mapped;
        }

        if (!name.EndsWith("Set", StringComparison.Ordinal) || KeptSetNames.Contains(name))
        {
            return Pascal(name);
        }

        var singular = Pascal(name[..^3]);
        return singular.EndsWith('y') ? singular[..^1] + "ies" : singular.EndsWith('s') ? singular : singular + "s";
    }

    private static string Pascal(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
