using System.Text.Json.Nodes;
using VpcPeering.Cli.Local;

namespace VpcPeering.Cli.Commands.Demo;

/// <summary>Where one stack of the product goes and with which parameters.</summary>
internal sealed record StackPlacement(string AccountId, string Region, IReadOnlyDictionary<string, string> Parameters);

/// <summary>One side of the peering a scenario sets up: the VPC (a topology name or an id), its account and region.</summary>
internal sealed record ScenarioVpc(string Vpc, string AccountId, string Region);

/// <summary>
/// A runnable story: a topology, the stacks deployed, how the peering is started (a tag or a request) and what the
/// run must end with. <see cref="ExpectedError"/> set means the run must fail with that error and leave nothing behind.
/// </summary>
internal sealed record DemoScenario(
    string Name,
    string Title,
    string TopologyFile,
    IReadOnlyList<StackPlacement> Stacks,
    ScenarioVpc Requester,
    ScenarioVpc Accepter,
    IReadOnlyList<string> Ports,
    Func<ProductCloud, DemoScenario, Task> StartAsync)
{
    public string? ExpectedError { get; init; }

    /// <summary>The accepter's security groups to open, by topology name; null selects those tagged peering=managed.</summary>
    public IReadOnlyList<string>? AccepterGroups { get; init; }

    /// <summary>A dry run: the run must succeed and change nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>The topology file's full path; by default the example of that name.</summary>
    public string? TopologyPath { get; init; }

    /// <summary>Injects a fault before the start, to show a rollback.</summary>
    public Action<ProductCloud>? Arrange { get; init; }

    /// <summary>A console/CLI request for this scenario's VPCs, with the ids the topology created.</summary>
    public JsonObject Request(ProductCloud cloud) => new()
    {
        ["requester"] = new JsonObject
        {
            ["vpcId"] = cloud.Resolve(Requester.Vpc),
            ["region"] = Requester.Region,
            ["accountId"] = Requester.AccountId,
        },
        ["accepter"] = new JsonObject
        {
            ["vpcId"] = cloud.Resolve(Accepter.Vpc),
            ["region"] = Accepter.Region,
            ["accountId"] = Accepter.AccountId,
        },
        ["securityGroups"] = new JsonArray(new JsonObject
        {
            ["side"] = "accepter",
            [AccepterGroups is null ? "tags" : "groupIds"] = AccepterGroups is null
                ? new JsonObject { ["peering"] = "managed" }
                : new JsonArray([.. AccepterGroups.Select(g => (JsonNode)cloud.Resolve(g))]),
            ["ports"] = new JsonArray([.. Ports.Select(p => (JsonNode)p)]),
            ["description"] = "vpc-peering demo",
        }),
        ["networkAcls"] = "update",
    };
}
