using System.Text.Json.Nodes;
using Amazon.EC2.Model;
using LocalCloud.Events;
using LocalCloud.Hosting;
using LocalCloud.StepFunctions;

namespace Workflow.Tests;

/// <summary>
/// The scenarios as runnable flows (happy paths, failures, clean-up), shared by the scenario tests, the IAM contract and the
/// measurements.
/// </summary>
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

    /// <summary>
    /// 7. Role mode with everything a request can ask for — a security group rule, NACL entries on both sides (their NACLs admit
    /// only their own VPC), DNS both ways — then the Teardown workflow for the same request.
    /// </summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution Peering, StateMachineExecution Teardown)>
        RoleModeConfiguredThenTornDownAsync()
    {
        var cloud = ClosedNaclsCloud();
        var request = RoleModeRequestWithNaclsAndDns(cloud);
        var peering = await cloud.RunPeeringAsync(Requester, request);
        var teardown = cloud.Assembly.StartExecution(Requester, "TeardownStateMachine", request.DeepClone());
        await cloud.Assembly.RunUntilIdleAsync();
        return (cloud, peering, teardown);
    }

    /// <summary>
    /// 8. The request of scenario 7, but EC2 refuses the requester's DNS option, the last step of the requester's branch, so its
    /// route, rule and NACL entries exist by then: Rollback removes what both sides have and deletes the peering.
    /// </summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution Execution)> RoleModeRolledBackAfterConfiguringAsync()
    {
        var cloud = ClosedNaclsCloud();
        cloud.Assembly.Cloud.Faults.Add(new FaultRule("ec2", "ModifyVpcPeeringConnectionOptions", "OperationNotPermitted", StatusCode: 400)
        {
            AccountId = Requester,
            Message = "The requester VPC's DNS resolution options cannot be changed now.",
        });
        return (cloud, await cloud.RunPeeringAsync(Requester, RoleModeRequestWithNaclsAndDns(cloud)));
    }

    /// <summary>9. Cross-account, event mode, but the accepter stack does not allow-list the requester: it rejects the peering.</summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution Execution)> EventModeRejectedAsync()
    {
        var cloud = WorkflowCloud.Create("two-accounts-topology.yaml", (Requester, Partner(Accepter)), (Accepter, Partner(Requester)));
        return (cloud, await cloud.RunPeeringAsync(Requester, Request(cloud.Topology["app"], cloud.Topology["data"], Accepter)));
    }

    /// <summary>
    /// 10. Event mode whose acceptance request is lost (the accepter's rule is disabled): the scheduled sweeps run in both
    /// accounts while the requester waits, its callback times out, and Rollback deletes the peering still pending acceptance.
    /// </summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution Execution)> EventModeAcceptanceLostAsync()
    {
        var accepter = Partner(Requester);
        accepter["AllowedRequesterAccounts"] = Requester;
        var cloud = WorkflowCloud.Create("two-accounts-topology.yaml", (Requester, Partner(Accepter)), (Accepter, accepter));
        const string Bus = "vpc-peering"; // the PeeringBusName parameter's default
        var events = cloud.Assembly.Events;
        var acceptanceRequested = events.ListRules(Accepter, WorkflowCloud.Region, Bus)
            .Single(rule => rule.Pattern?.Text.Contains("VPC Peering Acceptance Requested", StringComparison.Ordinal) == true);
        events.SetRuleState(Accepter, WorkflowCloud.Region, acceptanceRequested.Name, EventRuleState.Disabled, Bus);
        return (cloud, await cloud.RunPeeringAsync(Requester, Request(cloud.Topology["app"], cloud.Topology["data"], Accepter)));
    }

    /// <summary>11. Two executions for one pair started at the same instant.</summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution[] Executions)> ConcurrentExecutionsAsync()
    {
        var cloud = WorkflowCloud.Create("same-account-topology.yaml", (Requester, []));
        var request = Request(cloud.Topology["frontend"], cloud.Topology["backend"], Requester);
        var executions = new[]
        {
            cloud.Assembly.StartExecution(Requester, "PeeringStateMachine", request.DeepClone(), "first"),
            cloud.Assembly.StartExecution(Requester, "PeeringStateMachine", request.DeepClone(), "second"),
        };
        await cloud.Assembly.RunUntilIdleAsync();
        return (cloud, executions);
    }

    public static JsonObject Request(string requesterVpc, string accepterVpc, string accepterAccount) => new()
    {
        ["requester"] = new JsonObject { ["vpcId"] = requesterVpc, ["region"] = WorkflowCloud.Region },
        ["accepter"] = new JsonObject { ["vpcId"] = accepterVpc, ["region"] = WorkflowCloud.Region, ["accountId"] = accepterAccount },
    };

    /// <summary>
    /// Role mode over <c>closed-nacls-topology.yaml</c>: tcp/443 into the requester's default group and tcp/5432 into the
    /// accepter's (so rules and NACL entries for both directions go through each NACL, and the access role adds and revokes
    /// the accepter's rule), NACLs updated, DNS both ways.
    /// </summary>
    public static JsonObject RoleModeRequestWithNaclsAndDns(WorkflowCloud cloud)
    {
        var request = Request(cloud.Topology["app"], cloud.Topology["data"], Accepter);
        request["accepter"]!["roleArn"] = AccessRole;
        request["accepter"]!["externalId"] = ExternalId;
        request["securityGroups"] = new JsonArray
        {
            new JsonObject { ["side"] = "requester", ["defaultGroup"] = true, ["ports"] = new JsonArray("tcp/443") },
            new JsonObject { ["side"] = "accepter", ["defaultGroup"] = true, ["ports"] = new JsonArray("tcp/5432") },
        };
        request["networkAcls"] = "update";
        request["dns"] = new JsonObject { ["requesterResolvesAccepter"] = true, ["accepterResolvesRequester"] = true };
        return request;
    }

    /// <summary>Event mode where the requester fails after the accepter's stack configured its side: the requester's own CreateRoute is refused.</summary>
    public static async Task<(WorkflowCloud Cloud, StateMachineExecution Execution)> EventModeRequesterFailsAfterAccepterConfiguredAsync()
    {
        var cloud = EventCleanupCloud();
        cloud.Assembly.Cloud.Faults.Add(new LocalCloud.Hosting.FaultRule("ec2", "CreateRoute", "UnauthorizedOperation", 403) { AccountId = Requester });
        return (cloud, await cloud.RunPeeringAsync(Requester, EventCleanupRequest(cloud)));
    }

    /// <summary>Event mode over <c>event-cleanup-topology.yaml</c>; the accepter's stack also admits <paramref name="otherPartners"/> on its bus.</summary>
    public static WorkflowCloud EventCleanupCloud(params string[] otherPartners)
    {
        var accepter = Partner(string.Join(',', [Requester, .. otherPartners]));
        accepter["AllowedRequesterAccounts"] = Requester;
        return WorkflowCloud.Create("event-cleanup-topology.yaml", (Requester, Partner(Accepter)), (Accepter, accepter));
    }

    /// <summary>app to data without a role (event mode), opening data-sg on tcp/5432 and adding NACL entries where needed.</summary>
    public static JsonObject EventCleanupRequest(WorkflowCloud cloud)
    {
        var request = Request(cloud.Topology["app"], cloud.Topology["data"], Accepter);
        request["securityGroups"] = new JsonArray(new JsonObject
        {
            ["side"] = "accepter",
            ["groupIds"] = new JsonArray(cloud.Topology["data-sg"]),
            ["ports"] = new JsonArray("tcp/5432"),
            ["description"] = "from app",
        });
        request["networkAcls"] = "update";
        return request;
    }

    public static Dictionary<string, string> Partner(string partner) => new(StringComparer.Ordinal)
    {
        ["PartnerAccountIds"] = partner,
        ["ExternalId"] = ExternalId,
    };

    private static WorkflowCloud ClosedNaclsCloud() =>
        WorkflowCloud.Create("closed-nacls-topology.yaml", (Requester, Partner(Accepter)), (Accepter, Partner(Requester)));
}
