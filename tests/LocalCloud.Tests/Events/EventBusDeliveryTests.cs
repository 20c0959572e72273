using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Events;
using LocalCloud.Lambda;
using LocalCloud.Tests.Lambda;
using Microsoft.Extensions.Time.Testing;

namespace LocalCloud.Tests.Events;

/// <summary>
/// Buses, policies, rules and delivery. Cross-account delivery follows "Sending and receiving events between AWS accounts
/// in Amazon EventBridge" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html) and
/// "Permissions for event buses" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html).
/// </summary>
public sealed class EventBusDeliveryTests
{
    private const string Requester = "111111111111";
    private const string Accepter = "222222222222";
    private const string Region = "us-east-1";
    private const string Pattern = """{"source": ["vpc-peering"], "detail-type": ["VPC Peering Acceptance Requested"]}""";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
    private readonly EmulatedCloud _cloud;
    private readonly EventBridgeService _events;
    private readonly LambdaService _lambda;

    public EventBusDeliveryTests()
    {
        _cloud = new EmulatedCloud(_time);
        (_events, _lambda) = _cloud.AddEventBridgeAndLambda();
    }

    private static PutEventsEntry Entry(string? bus = null, string detail = """{"peeringId": "pcx-1"}""") =>
        new("vpc-peering", "VPC Peering Acceptance Requested", detail, EventBusName: bus);

    private Task<IReadOnlyList<PutEventsResultEntry>> PutAsync(string account, params PutEventsEntry[] entries) =>
        _events.PutEventsAsync(AwsPrincipal.Root(account), Region, entries);

    private string BusArn(string account, string name) => $"arn:aws:events:{Region}:{account}:event-bus/{name}";

    [Fact]
    public async Task A_matching_rule_invokes_its_Lambda_target_with_the_event()
    {
        var function = _lambda.Register(new LambdaFunctionConfiguration(Accepter, Region, "accept", Handlers.Of<EchoHandler>()));
        _events.PutRule(Accepter, Region, "on-request", Pattern);
        _events.PutTargets(Accepter, Region, "on-request", [new EventTarget("fn", function.FunctionArn, InputPath: "$.detail")]);

        var results = await PutAsync(Accepter, Entry());

        var delivery = Assert.Single(_events.GetEventBus(Accepter, Region, null).Deliveries);
        Assert.Equal((results[0].EventId, "on-request", "fn", true), (delivery.EventId, delivery.RuleName, delivery.TargetId, delivery.Succeeded));
        var invocation = Assert.Single(_lambda.Invocations);
        Assert.Equal(LambdaInvocationType.Event, invocation.InvocationType);
        Assert.Equal("""{"peeringId":"pcx-1"}""", invocation.Result.PayloadText);
    }

    [Fact]
    public async Task Disabled_rules_and_rules_of_other_buses_do_not_match()
    {
        _events.CreateEventBus(Accepter, Region, "vpc-peering");
        _events.PutRule(Accepter, Region, "disabled", Pattern, state: EventRuleState.Disabled);
        _events.PutTargets(Accepter, Region, "disabled", [new EventTarget("t", BusArn(Accepter, "vpc-peering"))]);
        _events.PutRule(Accepter, Region, "custom", Pattern, eventBusName: "vpc-peering");
        _events.PutTargets(Accepter, Region, "custom", [new EventTarget("t", "arn:aws:lambda:us-east-1:222222222222:function:none")],
            eventBusName: "vpc-peering");

        await PutAsync(Accepter, Entry());

        Assert.Empty(_events.GetEventBus(Accepter, Region, null).Deliveries);
        Assert.Empty(_events.GetEventBus(Accepter, Region, "vpc-peering").Deliveries);
    }

    [Fact]
    public async Task Another_accounts_bus_refuses_events_its_policy_does_not_allow()
    {
        _events.CreateEventBus(Accepter, Region, "vpc-peering");

        var results = await PutAsync(Requester, Entry(BusArn(Accepter, "vpc-peering")));

        Assert.Equal("AccessDeniedException", results[0].ErrorCode);
        Assert.Contains($"is not authorized to perform: events:PutEvents on resource: {BusArn(Accepter, "vpc-peering")}",
            results[0].ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_events.GetEventBus(Accepter, Region, "vpc-peering").ReceivedEvents);
    }

    [Fact]
    public async Task PutPermission_for_an_account_lets_it_put_events_on_the_bus()
    {
        var bus = _events.CreateEventBus(Accepter, Region, "vpc-peering");
        bus.Policy.AddPermission(bus.Arn, "requester", "events:PutEvents", Requester, null);

        var results = await PutAsync(Requester, Entry(bus.Arn), Entry(bus.Arn));

        Assert.All(results, r => Assert.Null(r.ErrorCode));
        var received = bus.ReceivedEvents;
        Assert.Equal(2, received.Count);
        Assert.Equal(Requester, received[0]["account"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("o-peering", true)]
    [InlineData("o-other", false)]
    public async Task An_organisation_condition_allows_only_accounts_of_that_organisation(string senderOrganization, bool allowed)
    {
        var bus = _events.CreateEventBus(Accepter, Region, "vpc-peering");
        bus.Policy.AddPermission(bus.Arn, "org", "events:PutEvents", "*",
            new JsonObject { ["Type"] = "StringEquals", ["Key"] = "aws:PrincipalOrgID", ["Value"] = "o-peering" });
        _events.SetOrganization(Requester, senderOrganization);

        var results = await PutAsync(Requester, Entry(bus.Arn));

        Assert.Equal(allowed, results[0].ErrorCode is null);
    }

    [Fact]
    public async Task A_policy_document_with_a_deny_statement_overrides_its_allow()
    {
        var bus = _events.CreateEventBus(Accepter, Region, "vpc-peering");
        bus.Policy.Replace($$"""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "all", "Effect": "Allow", "Principal": "*", "Action": "events:*", "Resource": "{{bus.Arn}}"},
              {"Sid": "not-requester", "Effect": "Deny", "Principal": {"AWS": "{{Requester}}"}, "Action": "events:PutEvents", "Resource": "*"}]}
            """);

        var denied = await PutAsync(Requester, Entry(bus.Arn));
        var allowed = await PutAsync("333333333333", Entry(bus.Arn));

        Assert.Equal("AccessDeniedException", denied[0].ErrorCode);
        Assert.Null(allowed[0].ErrorCode);
    }

    [Fact]
    public async Task A_bus_target_in_another_account_forwards_the_event_to_the_rules_there()
    {
        var accepterBus = _events.CreateEventBus(Accepter, Region, "vpc-peering");
        accepterBus.Policy.AddPermission(accepterBus.Arn, "requester", "events:PutEvents", Requester, null);
        _events.PutRule(Requester, Region, "to-accepter", Pattern);
        _events.PutTargets(Requester, Region, "to-accepter", [new EventTarget("bus", accepterBus.Arn, RoleArn: "arn:aws:iam::111111111111:role/fwd")]);
        var function = _lambda.Register(new LambdaFunctionConfiguration(Accepter, Region, "accept", Handlers.Of<EchoHandler>()));
        _events.PutRule(Accepter, Region, "incoming", Pattern, eventBusName: "vpc-peering");
        _events.PutTargets(Accepter, Region, "incoming", [new EventTarget("fn", function.FunctionArn)], eventBusName: "vpc-peering");

        var results = await PutAsync(Requester, Entry());

        Assert.True(Assert.Single(_events.GetEventBus(Requester, Region, null).Deliveries).Succeeded);
        var forwarded = Assert.Single(accepterBus.ReceivedEvents);
        Assert.Equal(results[0].EventId, forwarded["id"]!.GetValue<string>());
        Assert.Equal(Requester, JsonNode.Parse(Assert.Single(_lambda.Invocations).Payload)!["account"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_bus_policy_naming_the_targets_role_accepts_events_forwarded_with_that_role()
    {
        var accepterBus = _events.CreateEventBus(Accepter, Region, "vpc-peering");
        accepterBus.Policy.Replace($$"""
            {"Version": "2012-10-17", "Statement": [{"Sid": "fwd", "Effect": "Allow",
              "Principal": {"AWS": "arn:aws:iam::{{Requester}}:role/forwarder"}, "Action": "events:PutEvents", "Resource": "{{accepterBus.Arn}}"}]}
            """);
        _events.PutRule(Requester, Region, "with-role", Pattern);
        _events.PutTargets(Requester, Region, "with-role", [new EventTarget("bus", accepterBus.Arn, RoleArn: $"arn:aws:iam::{Requester}:role/forwarder")]);
        _events.PutRule(Requester, Region, "without-role", Pattern);
        _events.PutTargets(Requester, Region, "without-role", [new EventTarget("bus", accepterBus.Arn)]);

        await PutAsync(Requester, Entry());

        var deliveries = _events.GetEventBus(Requester, Region, null).Deliveries.OrderBy(d => d.RuleName, StringComparer.Ordinal).ToList();
        Assert.Equal([("with-role", true), ("without-role", false)], deliveries.Select(d => (d.RuleName, d.Succeeded)));
        Assert.Single(accepterBus.ReceivedEvents);
    }

    [Fact]
    public async Task A_bus_target_whose_policy_refuses_the_sender_records_a_failed_delivery()
    {
        var accepterBus = _events.CreateEventBus(Accepter, Region, "vpc-peering");
        _events.PutRule(Requester, Region, "to-accepter", Pattern);
        _events.PutTargets(Requester, Region, "to-accepter", [new EventTarget("bus", accepterBus.Arn)]);

        await PutAsync(Requester, Entry());

        var delivery = Assert.Single(_events.GetEventBus(Requester, Region, null).Deliveries);
        Assert.False(delivery.Succeeded);
        Assert.Contains("not authorized", delivery.Error, StringComparison.Ordinal);
        Assert.Empty(accepterBus.ReceivedEvents);
    }

    [Fact]
    public async Task A_state_machine_target_without_a_Step_Functions_service_records_a_failed_delivery()
    {
        _events.PutRule(Accepter, Region, "start", Pattern);
        _events.PutTargets(Accepter, Region, "start", [new EventTarget("sm", "arn:aws:states:us-east-1:222222222222:stateMachine:AcceptIncoming")]);

        await PutAsync(Accepter, Entry());

        var delivery = Assert.Single(_events.GetEventBus(Accepter, Region, null).Deliveries);
        Assert.Contains("No Step Functions service", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_machine_target_starts_an_execution_with_the_transformed_input_and_the_role()
    {
        var starter = new RecordingStarter();
        _events.StateMachineStarter = starter;
        _events.PutRule(Accepter, Region, "start", Pattern);
        _events.PutTargets(Accepter, Region, "start",
        [
            new EventTarget("sm", "arn:aws:states:us-east-1:222222222222:stateMachine:AcceptIncoming", "arn:aws:iam::222222222222:role/events",
                InputTransformer: new InputTransformer(new Dictionary<string, string> { ["id"] = "$.detail.peeringId" }, """{"peering": <id>}""")),
        ]);

        await PutAsync(Accepter, Entry());

        var start = Assert.Single(starter.Starts);
        Assert.Equal(("arn:aws:states:us-east-1:222222222222:stateMachine:AcceptIncoming", """{"peering": "pcx-1"}""", "arn:aws:iam::222222222222:role/events"), start);
    }

    [Fact]
    public async Task Events_AWS_emits_land_on_the_owner_accounts_default_bus()
    {
        _events.PutRule(Accepter, Region, "tags", """{"source": ["aws.tag"], "detail": {"changed-tag-keys": ["peering:peer-vpc"]}}""");
        var starter = new RecordingStarter();
        _events.StateMachineStarter = starter;
        _events.PutTargets(Accepter, Region, "tags", [new EventTarget("sm", "arn:aws:states:us-east-1:222222222222:stateMachine:Peering")]);

        _events.Publish(new CloudEvent(Accepter, Region, "aws.tag", "Tag Change on Resource",
            new JsonObject { ["changed-tag-keys"] = new JsonArray("peering:peer-vpc"), ["service"] = "ec2" },
            ["arn:aws:ec2:us-east-1:222222222222:vpc/vpc-1"], _time.GetUtcNow()));
        await _events.WhenIdleAsync();

        var input = JsonNode.Parse(Assert.Single(starter.Starts).Input)!;
        Assert.Equal("aws.tag", input["source"]!.GetValue<string>());
        Assert.Equal("arn:aws:ec2:us-east-1:222222222222:vpc/vpc-1", input["resources"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_entries_fail_individually_as_PutEvents_reports_them()
    {
        var results = await PutAsync(Accepter,
            new PutEventsEntry("vpc-peering", "t", null),
            new PutEventsEntry("aws.ec2", "t", "{}"),
            new PutEventsEntry("vpc-peering", "t", "[1]"),
            new PutEventsEntry("vpc-peering", "t", "{}", EventBusName: "missing"),
            new PutEventsEntry("vpc-peering", "t", "{}"));

        Assert.Equal(["InvalidArgument", "NotAuthorizedForSourceException", "MalformedDetail", "ResourceNotFoundException", null],
            results.Select(r => r.ErrorCode));
        Assert.NotNull(results[4].EventId);
    }

    [Fact]
    public async Task The_bus_logs_which_rule_matched_which_event_even_without_targets()
    {
        _events.PutRule(Accepter, Region, "watch", Pattern);
        _events.PutRule(Accepter, Region, "other", """{"source": ["elsewhere"]}""");

        var results = await PutAsync(Accepter, Entry());

        Assert.Equal([(results[0].EventId!, "watch")], _events.GetEventBus(Accepter, Region, null).RuleMatches);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("slash/name")]
    public void Rule_names_outside_the_documented_pattern_are_a_ValidationException(string name)
    {
        var error = Assert.Throws<AwsServiceException>(() => _events.PutRule(Accepter, Region, name, Pattern));

        Assert.Equal("ValidationException", error.Code);
        Assert.Contains(@"[\.\-_A-Za-z0-9]+", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_with_targets_cannot_be_deleted()
    {
        _events.PutRule(Accepter, Region, "r", Pattern);
        _events.PutTargets(Accepter, Region, "r", [new EventTarget("t", "arn:aws:lambda:us-east-1:222222222222:function:f")]);

        Assert.Equal("ValidationException", Assert.Throws<AwsServiceException>(() => _events.DeleteRule(Accepter, Region, "r")).Code);
        _events.RemoveTargets(Accepter, Region, "r", ["t"]);
        _events.DeleteRule(Accepter, Region, "r");
        Assert.Empty(_events.ListRules(Accepter, Region));
    }

    [Fact]
    public async Task A_rate_schedule_fires_on_virtual_time()
    {
        var starter = new RecordingStarter();
        _events.StateMachineStarter = starter;
        var rule = _events.PutRule(Accepter, Region, "sweep", null, "rate(5 minutes)");
        _events.PutTargets(Accepter, Region, "sweep", [new EventTarget("sm", "arn:aws:states:us-east-1:222222222222:stateMachine:Sweep")]);

        _time.Advance(TimeSpan.FromMinutes(4));
        await _events.WhenIdleAsync();
        Assert.Empty(starter.Starts);

        _time.Advance(TimeSpan.FromMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(10));
        await _events.WhenIdleAsync();

        var events = starter.Starts.Select(s => JsonNode.Parse(s.Input)!).ToList();
        Assert.Equal(["2026-11-26T08:05:00Z", "2026-11-26T08:10:00Z", "2026-11-26T08:15:00Z"], events.Select(e => e["time"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal(("aws.events", "Scheduled Event", rule.Arn),
            (e["source"]!.GetValue<string>(), e["detail-type"]!.GetValue<string>(), e["resources"]![0]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_cron_schedule_fires_at_its_times_and_a_disabled_rule_does_not()
    {
        var starter = new RecordingStarter();
        _events.StateMachineStarter = starter;
        _events.PutRule(Accepter, Region, "noon", null, "cron(0 12 * * ? *)");
        _events.PutTargets(Accepter, Region, "noon", [new EventTarget("sm", "arn:aws:states:us-east-1:222222222222:stateMachine:Sweep")]);
        _events.PutRule(Accepter, Region, "off", null, "rate(1 minute)", EventRuleState.Disabled);
        _events.PutTargets(Accepter, Region, "off", [new EventTarget("sm", "arn:aws:states:us-east-1:222222222222:stateMachine:Off")]);

        _time.Advance(TimeSpan.FromDays(2));
        await _events.WhenIdleAsync();

        Assert.Equal(["2026-11-26T12:00:00Z", "2026-11-27T12:00:00Z"],
            starter.Starts.Select(s => JsonNode.Parse(s.Input)!["time"]!.GetValue<string>()));
    }

    [Fact]
    public void Schedules_are_only_allowed_on_the_default_bus()
    {
        _events.CreateEventBus(Accepter, Region, "custom");

        var error = Assert.Throws<AwsServiceException>(() => _events.PutRule(Accepter, Region, "s", null, "rate(1 hour)", eventBusName: "custom"));

        Assert.Equal("ValidationException", error.Code);
    }

    private sealed class RecordingStarter : IStateMachineStarter
    {
        public List<(string Arn, string Input, string? Role)> Starts { get; } = [];

        public Task<string> StartExecutionAsync(string stateMachineArn, string inputJson, string? roleArn, CancellationToken cancellationToken)
        {
            lock (Starts)
            {
                Starts.Add((stateMachineArn, inputJson, roleArn));
            }

            return Task.FromResult($"{stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal)}:{Starts.Count}");
        }
    }
}
