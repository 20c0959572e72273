using System.Text.Json.Nodes;
using VpcPeering.Cli.Commands.Demo;
using VpcPeering.Cli.Local;
using VpcPeering.Cli.Output;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Cli.Commands.Run;

/// <summary>
/// Turns a request file into a runnable scenario: the product's stack in the requester's account and, for a
/// cross-account peering, in the accepter's account with the requester allow-listed (and the role trusted when the
/// request names one).
/// </summary>
internal static class RequestScenario
{
    public static DemoScenario From(string requestPath, string topologyPath, bool dryRun)
    {
        var text = File.ReadAllText(requestPath);
        var read = PeeringRequestReader.Read(text);
        if (!read.IsValid)
        {
            throw new CliException(
                $"{requestPath} is not a valid peering request:\n  " + string.Join("\n  ", read.Problems.Select(p => p.ToString())),
                "Fix each problem listed; the request format is schemas/peering-request.schema.json.");
        }

        var request = read.Value!;
        var requesterAccount = request.Requester.AccountId ?? DemoScenarios.RequesterAccount;
        var accepter = request.Accepter;
        var stacks = new List<StackPlacement>();
        if (accepter.AccountId == requesterAccount)
        {
            stacks.Add(new StackPlacement(requesterAccount, request.Requester.Region, new Dictionary<string, string>()));
        }
        else
        {
            stacks.Add(new StackPlacement(requesterAccount, request.Requester.Region, Partner(accepter.AccountId, accepter.ExternalId)));
            var accepterParameters = Partner(requesterAccount, accepter.ExternalId);
            accepterParameters["AllowedRequesterAccounts"] = requesterAccount;
            if (accepter.RoleArn is { } roleArn)
            {
                accepterParameters["AccepterRoleName"] = roleArn[(roleArn.LastIndexOf('/') + 1)..];
            }

            stacks.Add(new StackPlacement(accepter.AccountId, accepter.Region, accepterParameters));
        }

        var ports = request.PortsInto(Side.Accepter).Concat(request.PortsInto(Side.Requester)).Select(p => p.ToString()).Distinct().ToList();
        var json = JsonNode.Parse(text)!.AsObject();
        if (dryRun)
        {
            json["dryRun"] = true;
        }

        return new DemoScenario(
            dryRun ? "plan" : "run",
            $"{(dryRun ? "Plan" : "Run")} {Path.GetFileName(requestPath)}: {request.Requester.Region}/{request.Requester.VpcId} ⇄ {accepter.AccountId}/{accepter.Region}/{accepter.VpcId}",
            Path.GetFileName(topologyPath),
            stacks,
            new ScenarioVpc(request.Requester.VpcId, requesterAccount, request.Requester.Region),
            new ScenarioVpc(accepter.VpcId, accepter.AccountId, accepter.Region),
            ports.Count > 0 ? ports : ["tcp/443"],
            (cloud, scenario) => StartAsync(cloud, scenario, json))
        {
            DryRun = dryRun,
            TopologyPath = topologyPath,
        };
    }

    private static Dictionary<string, string> Partner(string account, string? externalId)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["PartnerAccountIds"] = account };
        if (externalId is not null)
        {
            parameters["ExternalId"] = externalId;
        }

        return parameters;
    }

    private static Task StartAsync(ProductCloud cloud, DemoScenario scenario, JsonObject request)
    {
        cloud.Assembly.StartExecution(scenario.Requester.AccountId, "PeeringStateMachine", request, region: scenario.Requester.Region);
        return Task.CompletedTask;
    }
}
