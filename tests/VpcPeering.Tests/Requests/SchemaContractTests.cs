using System.Text.Json.Nodes;
using VpcPeering.Requests;
using VpcPeering.Requests.Json;

namespace VpcPeering.Tests.Requests;

/// <summary>The published schema and the reader must describe the same document.</summary>
public class SchemaContractTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(SchemaPath()))!;

    [Fact]
    public void The_schema_is_draft_2020_12_with_a_description()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)Schema["$schema"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)Schema["description"]));
    }

    [Fact]
    public void The_schema_example_is_a_valid_request()
    {
        var example = Schema["examples"]![0]!.ToJsonString();

        Assert.Empty(PeeringRequestReader.Read(example).Problems);
    }

    [Theory]
    [InlineData("", nameof(PeeringRequestDocument))]
    [InlineData("requester", nameof(VpcDocument))]
    [InlineData("routes", nameof(RoutesDocument))]
    [InlineData("dns", nameof(DnsDocument))]
    public void Schema_properties_match_the_document_properties(string property, string documentType)
    {
        var schemaObject = property.Length == 0 ? Schema : Schema["properties"]![property]!;
        var schemaNames = schemaObject["properties"]!.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal);
        var type = typeof(PeeringRequestDocument).Assembly.GetType($"VpcPeering.Requests.Json.{documentType}")!;
        var info = PeeringJsonContext.Default.GetTypeInfo(type)!;
        var documentNames = info.Properties.Select(jsonProperty => jsonProperty.Name);

        if (property == "requester")
        {
            documentNames = documentNames.Except(["roleArn", "externalId"]);
        }

        Assert.Equal(documentNames.Order(StringComparer.Ordinal), schemaNames);
    }

    [Fact]
    public void Schema_grant_properties_match_the_document()
    {
        var schemaNames = Schema["properties"]!["securityGroups"]!["items"]!["properties"]!.AsObject().Select(pair => pair.Key);
        var documentNames = PeeringJsonContext.Default.SecurityGroupGrantDocument.Properties.Select(jsonProperty => jsonProperty.Name);

        Assert.Equal(documentNames.Order(StringComparer.Ordinal), schemaNames.Order(StringComparer.Ordinal));
    }

    private static string SchemaPath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "schemas", "peering-request.schema.json")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName
            ?? throw new FileNotFoundException("schemas/peering-request.schema.json not found above the test output"),
            "schemas", "peering-request.schema.json");
    }
}
