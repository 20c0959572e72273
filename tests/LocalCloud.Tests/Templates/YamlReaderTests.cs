using System.Text.Json.Nodes;
using LocalCloud.Templates;

namespace LocalCloud.Tests.Templates;

public sealed class YamlReaderTests
{
    [Theory]
    [InlineData("!Ref X", """{"Ref":"X"}""")]
    [InlineData("!GetAtt A.B.C", """{"Fn::GetAtt":["A","B.C"]}""")]
    [InlineData("!GetAtt [A, B]", """{"Fn::GetAtt":["A","B"]}""")]
    [InlineData("!Sub a-${X}", """{"Fn::Sub":"a-${X}"}""")]
    [InlineData("!Sub ['a-${X}', {X: !Ref Y}]", """{"Fn::Sub":["a-${X}",{"X":{"Ref":"Y"}}]}""")]
    [InlineData("!Condition C", """{"Condition":"C"}""")]
    [InlineData("!Not [!Condition C]", """{"Fn::Not":[{"Condition":"C"}]}""")]
    [InlineData("!GetAZs ''", """{"Fn::GetAZs":""}""")]
    [InlineData("012345678901", "\"012345678901\"")]
    [InlineData("'42'", "\"42\"")]
    [InlineData("42", "42")]
    [InlineData("true", "true")]
    [InlineData("2010-09-09", "\"2010-09-09\"")]
    public void Short_form_tags_and_scalars_become_the_json_form(string yaml, string json)
    {
        var root = TemplateYamlReader.Read($"V: {yaml}\n");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), root["V"]), root["V"]?.ToJsonString());
    }
}
