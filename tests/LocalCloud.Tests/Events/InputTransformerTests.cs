using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Events;

namespace LocalCloud.Tests.Events;

/// <summary>
/// Input, InputPath and InputTransformer, following "Amazon EventBridge input transformation"
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html) and the InputTransformer
/// API reference (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_InputTransformer.html).
/// </summary>
public sealed class InputTransformerTests
{
    private const string Ec2Event = """
        {"version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602", "detail-type": "EC2 Instance State-change Notification",
         "source": "aws.ec2", "account": "123456789012", "time": "2015-11-11T21:29:54Z", "region": "us-east-1",
         "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],
         "detail": {"instance-id": "i-0123456789", "state": "RUNNING"}}
        """;

    private static readonly Dictionary<string, string> Paths = new() { ["instance"] = "$.detail.instance-id", ["state"] = "$.detail.state" };

    private static string Render(EventTarget target)
    {
        var events = new EventBridgeService(TimeProvider.System);
        var rule = events.PutRule("123456789012", "us-east-1", "my-rule", """{"source": ["aws.ec2"]}""");
        return target.RenderInput(JsonNode.Parse(Ec2Event)!.AsObject(), rule, new DateTimeOffset(2015, 11, 11, 21, 29, 55, TimeSpan.Zero));
    }

    private static string Transform(string template, IReadOnlyDictionary<string, string>? paths = null) =>
        Render(new EventTarget("t", "arn:aws:lambda:us-east-1:123456789012:function:f", InputTransformer: new InputTransformer(paths ?? Paths, template)));

    [Theory]
    [InlineData("\"instance <instance> is in <state>\"", "\"instance i-0123456789 is in RUNNING\"")]
    [InlineData("<instance> is in state <state>", "i-0123456789 is in state RUNNING")]
    [InlineData("""{"instance" : <instance>, "state": <state>}""", """{"instance" : "i-0123456789", "state": "RUNNING"}""")]
    [InlineData("""{"instance" : <instance>, "state": "<state>", "instanceStatus": "instance \"<instance>\" is in <state>"}""",
        """{"instance" : "i-0123456789", "state": "RUNNING", "instanceStatus": "instance \"i-0123456789\" is in RUNNING"}""")]
    [InlineData("<instance> is in state \"<state>\"", "i-0123456789 is in state \"RUNNING\"")]
    public void Templates_follow_the_documented_quoting_rules(string template, string expected) =>
        Assert.Equal(expected, Transform(template));

    [Fact]
    public void Objects_and_arrays_are_inserted_as_json_and_missing_paths_as_null()
    {
        var paths = new Dictionary<string, string> { ["detail"] = "$.detail", ["resources"] = "$.resources", ["missing"] = "$.detail.nope" };

        var output = Transform("""{"d": <detail>, "r": <resources>, "m": <missing>}""", paths);

        Assert.Equal("""{"d": {"instance-id":"i-0123456789","state":"RUNNING"}, "r": ["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"], "m": null}""", output);
    }

    [Fact]
    public void A_string_value_with_quotes_is_escaped_inside_a_json_string()
    {
        var paths = new Dictionary<string, string> { ["first"] = "$.resources[0]" };

        var output = Transform("""{"message": "resource <first>"}""", paths);

        Assert.Equal("""{"message": "resource arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"}""", output);
    }

    [Fact]
    public void Reserved_variables_give_the_rule_and_the_original_event()
    {
        var output = JsonNode.Parse(Transform(
            """{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>, "original": <aws.events.event.json>, "withoutDetail": <aws.events.event>}"""))!;

        Assert.Equal("arn:aws:events:us-east-1:123456789012:rule/my-rule", output["ruleArn"]!.GetValue<string>());
        Assert.Equal("my-rule", output["ruleName"]!.GetValue<string>());
        Assert.Equal("2015-11-11T21:29:55Z", output["at"]!.GetValue<string>());
        Assert.Equal("RUNNING", output["original"]!["detail"]!["state"]!.GetValue<string>());
        Assert.Null(output["withoutDetail"]!["detail"]);
        Assert.Equal("aws.ec2", output["withoutDetail"]!["source"]!.GetValue<string>());
    }

    [Fact]
    public void Input_is_sent_verbatim_and_InputPath_selects_part_of_the_event()
    {
        Assert.Equal("""{"fixed": true}""", Render(new EventTarget("t", "arn", Input: """{"fixed": true}""")));
        Assert.Equal("""{"instance-id":"i-0123456789","state":"RUNNING"}""", Render(new EventTarget("t", "arn", InputPath: "$.detail")));
        Assert.Equal("\"i-0123456789\"", Render(new EventTarget("t", "arn", InputPath: "$.detail.instance-id")));
    }

    [Fact]
    public void Without_input_settings_the_whole_event_is_sent() =>
        Assert.Equal("RUNNING", JsonNode.Parse(Render(new EventTarget("t", "arn")))!["detail"]!["state"]!.GetValue<string>());

    [Theory]
    [InlineData("aws.events.rule-arn", "$.detail")]
    [InlineData("instance", "detail.state")]
    public void Invalid_transformers_are_rejected_by_PutTargets(string name, string path)
    {
        var target = new EventTarget("t", "arn", InputTransformer: new InputTransformer(new Dictionary<string, string> { [name] = path }, "<instance>"));

        Assert.Equal("ValidationException", Assert.Throws<AwsServiceException>(target.Validate).Code);
    }

    [Fact]
    public void Only_one_input_setting_is_allowed()
    {
        var target = new EventTarget("t", "arn", Input: "{}", InputPath: "$.detail");

        Assert.Equal("ValidationException", Assert.Throws<AwsServiceException>(target.Validate).Code);
    }
}
