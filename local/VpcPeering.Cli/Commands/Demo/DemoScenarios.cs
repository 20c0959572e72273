using Amazon.EC2.Model;
using LocalCloud.Hosting;
using VpcPeering.Cli.Local;
using VpcPeering.Cli.Output;

namespace VpcPeering.Cli.Commands.Demo;

/// <summary>The stories `vpc-peering demo --scenario NAME` can tell; the first is the default.</summary>
internal static class DemoScenarios
{
    public const string RequesterAccount = "111111111111";
    public const string AccepterAccount = "222222222222";
    public const string ExternalId = "vpc-peering-demo";

    private static readonly string[] DemoPorts = ["tcp/5432", "icmp"];

    public static IReadOnlyList<DemoScenario> All { get; } =
    [
        TwoAccounts(
            "cross-account",
            "Two accounts, two regions: tag the requester VPC; the accepter's stack accepts through its allow-list (event mode)",
            Parameters(("PartnerAccountIds", AccepterAccount)),
            Parameters(("PartnerAccountIds", RequesterAccount), ("AllowedRequesterAccounts", RequesterAccount)),
            TagRequesterVpcAsync),
        TwoAccounts(
            "role-mode",
            "Two accounts, two regions: a CLI request; the requester assumes the accepter's PeeringAccessRole (role mode)",
            Parameters(("PartnerAccountIds", AccepterAccount), ("ExternalId", ExternalId)),
            Parameters(("PartnerAccountIds", RequesterAccount), ("ExternalId", ExternalId)),
            StartRoleModeRequestAsync),
        OneAccount("same-account", "One account, one region: a CLI request between two VPCs"),
        OneAccount(
            "rollback",
            "One account: security-group changes are refused mid-way; the workflow rolls back and leaves the network as it was") with
        {
            ExpectedError = "AccessDenied",
            Arrange = cloud => cloud.Assembly.Cloud.Faults.Add(new FaultRule("ec2", "AuthorizeSecurityGroupIngress", "UnauthorizedOperation", 403)
            {
                Message = "You are not authorized to perform this operation.",
            }),
        },
    ];

    public static DemoScenario Find(string? name)
    {
        if (name is null)
        {
            return All[0];
        }

        return All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"There is no demo scenario '{name}'.", $"Choose one of: {string.Join(", ", All.Select(s => s.Name))}.");
    }

    /// <summary>demo-topology.yaml: requester-app (111111111111, us-east-1) and accepter-data (222222222222, eu-west-1).</summary>
    private static DemoScenario TwoAccounts(
        string name,
        string title,
        Dictionary<string, string> requesterParameters,
        Dictionary<string, string> accepterParameters,
        Func<ProductCloud, DemoScenario, Task> start) =>
        new(
            name,
            title,
            "demo-topology.yaml",
            [new(RequesterAccount, "us-east-1", requesterParameters), new(AccepterAccount, "eu-west-1", accepterParameters)],
            new("requester-app", RequesterAccount, "us-east-1"),
            new("accepter-data", AccepterAccount, "eu-west-1"),
            DemoPorts,
            start);

    /// <summary>same-account-topology.yaml: frontend to backend, opening backend-sg on tcp/8443.</summary>
    private static DemoScenario OneAccount(string name, string title) =>
        new(
            name,
            title,
            "same-account-topology.yaml",
            [new(RequesterAccount, "us-east-1", Parameters())],
            new("frontend", RequesterAccount, "us-east-1"),
            new("backend", RequesterAccount, "us-east-1"),
            ["tcp/8443"],
            StartRequestAsync)
        {
            AccepterGroups = ["backend-sg"],
        };

    private static Dictionary<string, string> Parameters(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    /// <summary>Tags only: the EventBridge rule on the tag change starts the workflow, as it would in AWS.</summary>
    private static async Task TagRequesterVpcAsync(ProductCloud cloud, DemoScenario scenario)
    {
        var (requester, accepter) = (scenario.Requester, scenario.Accepter);
        var ec2 = cloud.Ec2(requester.AccountId, requester.Region);
        await ec2.CreateTagsAsync(new CreateTagsRequest
        {
            Resources = [cloud.Resolve(requester.Vpc)],
            Tags =
            [
                new Tag("peering:peer-vpc", cloud.Resolve(accepter.Vpc)),
                new Tag("peering:peer-account", accepter.AccountId),
                new Tag("peering:peer-region", accepter.Region),
                new Tag("peering:ports", string.Join(',', scenario.Ports)),
                new Tag("peering:network-acls", "update"),
                new Tag("peering:dns", "both"),
            ],
        });
    }

    private static Task StartRequestAsync(ProductCloud cloud, DemoScenario scenario)
    {
        cloud.Assembly.StartExecution(scenario.Requester.AccountId, "PeeringStateMachine", scenario.Request(cloud),
            region: scenario.Requester.Region);
        return Task.CompletedTask;
    }

    private static Task StartRoleModeRequestAsync(ProductCloud cloud, DemoScenario scenario)
    {
        var request = scenario.Request(cloud);
        request["accepter"]!["roleArn"] = $"arn:aws:iam::{AccepterAccount}:role/vpc-peering-access";
        request["accepter"]!["externalId"] = ExternalId;
        request["dns"] = new System.Text.Json.Nodes.JsonObject { ["requesterResolvesAccepter"] = true, ["accepterResolvesRequester"] = true };
        cloud.Assembly.StartExecution(scenario.Requester.AccountId, "PeeringStateMachine", request, region: scenario.Requester.Region);
        return Task.CompletedTask;
    }
}
