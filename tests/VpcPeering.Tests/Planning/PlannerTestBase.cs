using VpcPeering.Network;
using VpcPeering.Planning;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Planning;

public abstract class PlannerTestBase
{
    private protected static PeeringRequest Request(string extra = "", string? securityGroups = null) =>
        securityGroups is null ? TestRequests.With(extra: extra) : TestRequests.With(securityGroups, extra);

    private protected static PeeringPlan Plan(NetworkSnapshot snapshot, PeeringRequest? request = null) =>
        PeeringPlanner.Plan(snapshot, request ?? Request(), Topology.PeeringId);
}
