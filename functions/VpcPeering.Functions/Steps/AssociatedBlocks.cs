using System.Text.Json;
using VpcPeering.Cidrs;

namespace VpcPeering.Functions.Steps;

/// <summary>
/// The blocks a CloudTrail <c>AssociateVpcCidrBlock</c> event associated: <c>cidrBlock</c> / <c>ipv6CidrBlock</c> in its request
/// parameters or its response (an Amazon-provided IPv6 block is only named in the response).
/// </summary>
public static class AssociatedBlocks
{
    private static readonly string[] Names = ["cidrBlock", "ipv6CidrBlock"];

    public static IReadOnlyList<string> In(JsonElement detail)
    {
        var blocks = new List<string>();
        foreach (var part in new[] { "requestParameters", "responseElements" })
        {
            if (detail.TryGetProperty(part, out var element))
            {
                Collect(element, blocks);
            }
        }

        return [.. blocks.Distinct(StringComparer.Ordinal)];
    }

    private static void Collect(JsonElement element, List<string> blocks)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, blocks);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (Names.Contains(property.Name, StringComparer.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String
                    && Cidr.TryParse(property.Value.GetString()!, out var block, out _))
                {
                    blocks.Add(block.ToString());
                }
                else
                {
                    Collect(property.Value, blocks);
                }
            }
        }
    }
}
