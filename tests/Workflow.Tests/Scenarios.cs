using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using LocalCloud.StepFunctions;

namespace Workflow.Tests;

/// <summary>The happy-path scenarios as runnable flows, shared by the scenario tests, the contract tests and the measurements.</summary>
internal static class Scenarios
{
    public const string Requester = "111111111111";
    public const string Accepter = "222222222222";
    public const string ExternalId = "workflow-tests";
    public const string AccessRole = "arn:aws:iam::222222222222:role/vpc-peering-access";

    /// <summary>1. Same account, same region, every route table.</summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution Execution)> SameAccountAsync()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Requester, []));
        var execution = await cloud.RunPeeringAsync(Requester, Request(cloud.Topology["frontend"], cloud.Topology["backend"], Requester));
        return (cloud, execution);
    }

    /// <summary>2. Cross-account, role mode: the requester's functions assume the accepter stack's PeeringAccessRole.</summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution Execution)> RoleModeAsync()
    {
        var cloud = WorkflowCloud.Create("two-accounts-topology.yaml", (Requester, Partner(Accepter)), (Accepter, Partner(Requester)));
        var request = Request(cloud.Topology["app"], cloud.Topology["data"], Accepter);
        request["accepter"]!["roleArn"] = AccessRole;
        request["accepter"]!["externalId"] = ExternalId;
        return (cloud, await cloud.RunPeeringAsync(Requester, request));
    }

    /// <summary>3. Cross-account, event mode: the accepter stack decides on its allow-list and answers through the relay.</summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution Execution)> EventModeAsync()
    {
        var accepter = Partner(Requester);
        accepter["AllowedRequesterAccounts"] = Requester;
        var cloud = WorkflowCloud.Create("two-accounts-topology.yaml", (Requester, Partner(Accepter)), (Accepter, accepter));
        return (cloud, await cloud.RunPeeringAsync(Requester, Request(cloud.Topology["app"], cloud.Topology["data"], Accepter)));
    }

    /// <summary>6. Tag the VPC (and nothing else), then remove the tag; returns the peerings as they stood while tagged.</summary>
    public static async Task<(WorkflowCloud Cloud, List<VpcPeeringConnection> WhileTagged)> TagThenUntagAsync()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Requester, []));
        var reads = new NetworkReads(cloud, Requester);
        var frontend = cloud.Topology["frontend"];
        await reads.Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [frontend], Tags = [new Tag("peering:peer-vpc", cloud.Topology["backend"])] });
        await cloud.Assembly.RunUntilIdleAsync();
        var peered = await reads.PeeringsAsync();
        await reads.Ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [frontend], Tags = [new Tag { Key = "peering:peer-vpc" }] });
        await cloud.Assembly.RunUntilIdleAsync();
        return (cloud, peered);
    }

    public static JsonObject Request(string requesterVpc, string accepterVpc, string accepterAccount) => new()
    {
        ["requester"] = new JsonObject { ["vpcId"] = requesterVpc, ["region"] = WorkflowCloud.Region },
        ["accepter"] = new JsonObject { ["vpcId"] = accepterVpc, ["region"] = WorkflowCloud.Region, ["accountId"] = accepterAccount },
    };

    public static Dictionary<string, string> Partner(string partner) => new(StringComparer.Ordinal)
    {
        ["PartnerAccountIds"] = partner,
        ["ExternalId"] = ExternalId,
    };
}
