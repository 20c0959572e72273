using System.Text.Json.Nodes;
using LocalCloud.Lambda;
using LocalCloud.Tests.Lambda;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Events;

/// <summary>
/// The AWS JSON 1.1 wire of EventBridge through a SigV4-signed HttpClient (EventBridge API reference:
/// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html, API_PutRule.html, API_PutTargets.html).
/// </summary>
public sealed class EventBridgeWireTests : IDisposable
{
    private const string Account = "222222222222";

    private readonly EmulatedCloud _cloud = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero)));
    private readonly SignedHttpClient _client;

    public EventBridgeWireTests()
    {
        _cloud.AddEventBridgeAndLambda();
        _client = new SignedHttpClient(_cloud, Account, "us-east-1");
    }

    public void Dispose() => _client.Dispose();

    private async Task<JsonNode> CallAsync(string action, string body, int expectedStatus = 200)
    {
        var (status, text) = await _client.JsonAsync("events", $"AWSEvents.{action}", body);
        Assert.True(status == expectedStatus, $"{action} answered {status}: {text}");
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task PutRule_PutTargets_and_PutEvents_deliver_to_a_Lambda_function()
    {
        var function = _cloud.Lambda()!.Register(new LambdaFunctionConfiguration(Account, "us-east-1", "accept", Handlers.Of<EchoHandler>()));
        await CallAsync("CreateEventBus", """{"Name": "vpc-peering"}""");

        var rule = await CallAsync("PutRule", """{"Name": "incoming", "EventBusName": "vpc-peering", "EventPattern": "{\"source\": [\"vpc-peering\"]}"}""");
        var targets = await CallAsync("PutTargets", $$$"""
            {"Rule": "incoming", "EventBusName": "vpc-peering", "Targets": [{"Id": "fn", "Arn": "{{{function.FunctionArn}}}",
              "InputTransformer": {"InputPathsMap": {"id": "$.detail.peeringId"}, "InputTemplate": "{\"peering\": <id>}"}}]}
            """);
        var put = await CallAsync("PutEvents", """
            {"Entries": [{"Source": "vpc-peering", "DetailType": "VPC Peering Acceptance Requested", "Detail": "{\"peeringId\": \"pcx-1\"}", "EventBusName": "vpc-peering"},
                         {"Source": "vpc-peering", "DetailType": "x"}]}
            """);

        Assert.Equal("arn:aws:events:us-east-1:222222222222:rule/vpc-peering/incoming", rule["RuleArn"]!.GetValue<string>());
        Assert.Equal(0, targets["FailedEntryCount"]!.GetValue<int>());
        Assert.Equal(1, put["FailedEntryCount"]!.GetValue<int>());
        Assert.NotNull(put["Entries"]![0]!["EventId"]);
        Assert.Equal("InvalidArgument", put["Entries"]![1]!["ErrorCode"]!.GetValue<string>());
        Assert.Equal("""{"peering": "pcx-1"}""", Assert.Single(_cloud.Lambda()!.Invocations).Payload);
    }

    [Fact]
    public async Task Describe_and_list_calls_return_what_was_created()
    {
        await CallAsync("CreateEventBus", """{"Name": "vpc-peering", "Description": "partner events"}""");
        await CallAsync("PutPermission", """{"EventBusName": "vpc-peering", "Action": "events:PutEvents", "Principal": "111111111111", "StatementId": "partner"}""");
        await CallAsync("PutRule", """{"Name": "sweep", "ScheduleExpression": "rate(1 hour)", "State": "DISABLED"}""");
        await CallAsync("PutTargets", """{"Rule": "sweep", "Targets": [{"Id": "t", "Arn": "arn:aws:states:us-east-1:222222222222:stateMachine:Sweep", "Input": "{}"}]}""");

        var bus = await CallAsync("DescribeEventBus", """{"Name": "vpc-peering"}""");
        var buses = await CallAsync("ListEventBuses", "{}");
        var rule = await CallAsync("DescribeRule", """{"Name": "sweep"}""");
        var rules = await CallAsync("ListRules", """{"NamePrefix": "sw"}""");
        var targets = await CallAsync("ListTargetsByRule", """{"Rule": "sweep"}""");

        Assert.Contains("arn:aws:iam::111111111111:root", bus["Policy"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["default", "vpc-peering"], buses["EventBuses"]!.AsArray().Select(b => b!["Name"]!.GetValue<string>()));
        Assert.Equal(("rate(1 hour)", "DISABLED", "default"), (rule["ScheduleExpression"]!.GetValue<string>(), rule["State"]!.GetValue<string>(),
            rule["EventBusName"]!.GetValue<string>()));
        Assert.Single(rules["Rules"]!.AsArray());
        Assert.Equal("{}", targets["Targets"]![0]!["Input"]!.GetValue<string>());
    }

    [Fact]
    public async Task Errors_use_the_json_protocol_shape()
    {
        var missing = await CallAsync("DescribeRule", """{"Name": "nope"}""", 400);
        var pattern = await CallAsync("PutRule", """{"Name": "bad", "EventPattern": "{\"source\": \"aws.ec2\"}"}""", 400);

        Assert.Equal("ResourceNotFoundException", missing["__type"]!.GetValue<string>());
        Assert.Equal("Rule nope does not exist on EventBus default.", missing["message"]!.GetValue<string>());
        Assert.Equal("InvalidEventPatternException", pattern["__type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"detail": {"state": [{"anything-but": "initializing"}]}}""", true)]
    [InlineData("""{"detail": {"state": ["initializing"]}}""", false)]
    public async Task TestEventPattern_answers_whether_the_event_matches(string pattern, bool expected)
    {
        var request = new JsonObject
        {
            ["EventPattern"] = pattern,
            ["Event"] = """{"id": "1", "account": "222222222222", "source": "aws.ec2", "time": "2026-11-26T08:00:00Z", "region": "us-east-1", "resources": [], "detail-type": "x", "detail": {"state": "running"}}""",
        };

        var result = await CallAsync("TestEventPattern", request.ToJsonString());

        Assert.Equal(expected, result["Result"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_request_signed_with_the_wrong_secret_is_refused()
    {
        using var wrong = new SignedHttpClient(_cloud, Account, "us-east-1", secret: "not-test");

        var (status, _) = await wrong.JsonAsync("events", "AWSEvents.ListEventBuses", "{}");

        Assert.Equal(403, status);
    }
}
