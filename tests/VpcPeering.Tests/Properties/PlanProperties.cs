using CsCheck;
using VpcPeering.Network;
using VpcPeering.Planning;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Properties;

public class PlanProperties
{
    private static readonly Gen<PortSpec> Port = Gen.OneOf(
        PortSpec.Tcp(5), new PortSpec(IpProtocol.Tcp, 10, 20), PortSpec.Udp(7), PortSpec.Icmp, PortSpec.Tcp(443));

    private static readonly Gen<SecurityGroupGrant> Grant = Gen.Select(
        Gen.Bool, Gen.Int[0, 1], Port.Array[1, 3],
        (requesterSide, group, ports) => new SecurityGroupGrant(
            requesterSide ? Side.Requester : Side.Accepter,
            new SecurityGroupSelection.ByIds([$"sg-{(requesterSide ? "a" : "b")}000000{(group == 0 ? "a" : "b")}"]),
            ports,
            [],
            "vpc-peering"));

    private static readonly Gen<PeeringRequest> Request = Gen.Select(
        Grant.Array[0, 3],
        Gen.Bool,
        Gen.Bool,
        Gen.Bool,
        Gen.OneOf<string[]>([], ["10.2.0.0/26"], ["10.1.0.8/29", "10.2.0.128/25"]),
        (grants, update, requesterDns, accepterDns, exclude) => new PeeringRequest(
            null,
            null,
            new RequesterVpc("vpc-0000000a", "us-east-1", null),
            new AccepterVpc("vpc-0000000b", "us-east-1", "111111111111", null, null),
            RouteOptions.Default with { Exclude = exclude },
            grants,
            false,
            update ? NetworkAclMode.Update : NetworkAclMode.Verify,
            new DnsOptions(requesterDns, accepterDns),
            false));

    [Fact]
    public void Applying_a_plan_and_planning_again_yields_no_changes() =>
        Deterministic.ForAll(Gen.Select(RandomTopology.Snapshot, Request), 300, input =>
        {
            var (snapshot, request) = input;
            var plan = PeeringPlanner.Plan(snapshot, request, RandomTopology.PeeringId);

            var again = PeeringPlanner.Plan(PlanApplier.Apply(snapshot, plan), request, RandomTopology.PeeringId);

            Assert.False(again.HasChanges, PlanRenderer.Render(again));
        });

    [Fact]
    public void In_update_mode_the_applied_plan_leaves_no_nacl_findings() =>
        Deterministic.ForAll(Gen.Select(RandomTopology.Snapshot, Request), 200, input =>
        {
            var (snapshot, request) = input;
            request = request with { NetworkAcls = NetworkAclMode.Update };
            var plan = PeeringPlanner.Plan(snapshot, request, RandomTopology.PeeringId);

            var again = PeeringPlanner.Plan(PlanApplier.Apply(snapshot, plan), request, RandomTopology.PeeringId);

            Assert.Empty(again.NetworkAclFindings);
        });
}
