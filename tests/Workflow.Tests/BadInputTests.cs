using System.Text.Json.Nodes;

namespace Workflow.Tests;

/// <summary>Scenario 15: bad inputs through the deployed workflow end in a named error each, and nothing in EC2 changes.</summary>
public sealed class BadInputTests
{
    /// <summary>Dotted path in a valid request, and the JSON to put there (null removes it).</summary>
    private static readonly (string Where, string? Value)[] Rows =
    [
        ("requester.vpcId", "\"vpc-123\""), ("requester.vpcId", "\"VPC-11111111\""), ("requester.vpcId", null), ("requester.vpcId", "42"),
        ("requester.vpcId", "\"vpc-0123456789abcdef0\""), ("requester.region", "\"us-east\""), ("requester.region", "\"US-EAST-1\""),
        ("requester.region", null), ("requester.region", "[]"), ("requester.accountId", "\"12345\""), ("requester.accountId", "\"12345678901a\""),
        ("requester.extra", "true"), ("requester", null), ("requester", "\"vpc-1\""), ("accepter.vpcId", "\"vpc-1111111111111111\""),
        ("accepter.vpcId", null), ("accepter.vpcId", "\"vpc-0fedcba9876543210\""), ("accepter.region", null), ("accepter.region", "\"mars-1\""),
        ("accepter.accountId", null), ("accepter.accountId", "\"0000\""), ("accepter.roleArn", "\"arn:aws:iam::222:role/x\""),
        ("accepter.externalId", "\"x\""), ("accepter.extra", "1"), ("accepter", null), ("accepter", "[]"),
        ("routes", "\"all\""), ("routes.cidrs", "\"some\""), ("routes.cidrs", "[]"), ("routes.cidrs", "[\"10.0.0.0/33\"]"),
        ("routes.cidrs", "[\"not-a-cidr\"]"), ("routes.exclude", "[\"999.0.0.0/8\"]"), ("routes.requesterRouteTables", "\"some\""),
        ("routes.requesterRouteTables", "[\"rtb-1\"]"), ("routes.accepterRouteTables", "42"), ("routes.unknown", "true"),
        ("securityGroups", "{}"), ("securityGroups", "[{}]"), ("securityGroups", "[{\"side\":\"middle\",\"groupIds\":[\"sg-12345678\"]}]"),
        ("securityGroups", "[{\"side\":\"accepter\",\"groupIds\":[]}]"), ("securityGroups", "[{\"side\":\"accepter\",\"groupIds\":[\"sg-1\"]}]"),
        ("securityGroups", "[{\"side\":\"accepter\",\"defaultGroup\":true,\"ports\":[\"tcp/99999\"]}]"),
        ("securityGroups", "[{\"side\":\"accepter\",\"defaultGroup\":true,\"ports\":[\"gopher/70\"]}]"),
        ("securityGroups", "[{\"side\":\"accepter\",\"defaultGroup\":true,\"ports\":[]}]"),
        ("securityGroups", "[{\"side\":\"accepter\",\"defaultGroup\":true,\"protocol\":\"sctp\"}]"),
        ("networkAcls", "\"maybe\""), ("networkAcls", "7"), ("dns", "\"yes\""), ("dns.requesterResolvesAccepter", "\"true\""),
        ("dns.unknown", "true"), ("dryRun", "\"no\""), ("requestId", "\"has spaces\""), ("name", "42"), ("unknownField", "1"),
    ];

    [WorkflowFact]
    public async Task Each_bad_input_fails_with_a_named_error_and_changes_nothing()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Scenarios.Requester, []));
        var valid = Scenarios.Request(cloud.Topology["frontend"], cloud.Topology["backend"], Scenarios.Requester);
        valid["routes"] = new JsonObject { ["cidrs"] = "all" };
        valid["dns"] = new JsonObject { ["requesterResolvesAccepter"] = false };
        valid["securityGroups"] = new JsonArray();

        var dryRun = (JsonObject)valid.DeepClone();
        dryRun["dryRun"] = true;
        var control = cloud.Assembly.StartExecution(Scenarios.Requester, "PeeringStateMachine", dryRun, "valid-dry-run");
        var executions = Rows.Select((row, i) => (Row: row, Execution: cloud.Assembly.StartExecution(Scenarios.Requester,
            "PeeringStateMachine", Change(valid, row.Where, row.Value), $"bad-{i}"))).ToList();
        await cloud.Assembly.RunUntilIdleAsync();

        var wrong = executions.Where(e => e.Execution.StatusName != "FAILED" || e.Execution.Execution.Result!.Error is not { Length: > 0 } error
                || error.StartsWith("States.", StringComparison.Ordinal) || string.IsNullOrEmpty(e.Execution.Execution.Result.Cause))
            .Select(e => $"{e.Row.Where} = {e.Row.Value ?? "(removed)"}: {e.Execution.StatusName} {e.Execution.Execution.Result?.Error}")
            .ToList();
        PeeringScenarios.AssertSucceeded(control, cloud);
        Assert.True(Rows.Length >= 50);
        Assert.True(wrong.Count == 0, "Not a named failure:\n" + string.Join("\n", wrong));
        Assert.Empty(cloud.Ec2Mutations());
    }

    private static JsonObject Change(JsonObject valid, string where, string? value)
    {
        var root = (JsonObject)valid.DeepClone();
        var segments = where.Split('.');
        var parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = parent[segment] as JsonObject ?? (JsonObject)(parent[segment] = new JsonObject());
        }

        if (value is null)
        {
            parent.Remove(segments[^1]);
        }
        else
        {
            parent[segments[^1]] = JsonNode.Parse(value);
        }

        return root;
    }
}
