using System.Text.Json;
using VpcPeering.Network;
using VpcPeering.Planning;

namespace VpcPeering.Functions.Contracts;

/// <summary>ResolveRequest: what to do with the input.</summary>
/// <param name="Action"><c>peer</c>, <c>peer-each</c>, <c>teardown</c> or <c>ignore</c>.</param>
/// <param name="Request">With <c>peer</c>: the canonical request document.</param>
/// <param name="Teardown">With <c>teardown</c>: the VPC whose peering tag was removed.</param>
/// <param name="Requests">With <c>peer-each</c>: one peering execution to start per managed peering of a VPC that got a new block.</param>
public sealed record ResolveResult(string Action, JsonElement? Request, TeardownTarget? Teardown, string? Reason,
    IReadOnlyList<PeeringStart>? Requests = null);

/// <summary>A peering execution the state machine starts: its name and its input (a canonical request).</summary>
public sealed record PeeringStart(string Name, string PeeringConnectionId, JsonElement Request);

public sealed record TeardownTarget(string VpcId, string Region);

/// <summary>Preflight: how acceptance works, the peering to reuse and the plan.</summary>
/// <param name="AcceptMode"><c>same-account</c>, <c>role</c> or <c>event</c>.</param>
/// <param name="PeeringConnectionId">An existing peering for the pair to reuse, else null.</param>
/// <param name="Rendered">The plan as a diff (<see cref="PlanRenderer"/>).</param>
/// <param name="Basis">What the plan was made from: the Configure steps apply it without describing again while it holds.</param>
public sealed record PreflightResult(
    string AcceptMode,
    string? PeeringConnectionId,
    string? ExistingStatus,
    bool DryRun,
    bool CanApply,
    string Rendered,
    PeeringPlan Plan,
    PlanBasis? Basis = null);

/// <summary>What Preflight saw: the sides it described in full, and each VPC's blocks the plan routes to and opens to.</summary>
/// <param name="DescribedSides"><c>requester</c>, <c>accepter</c>: in event mode only the requester (the accepter is another account's).</param>
public sealed record PlanBasis(IReadOnlyList<string> DescribedSides, IReadOnlyList<string> RequesterBlocks, IReadOnlyList<string> AccepterBlocks);

/// <summary>RequestPeering, AcceptPeering and DescribePeering: the peering connection as it stands.</summary>
/// <param name="Active">Status <c>active</c>: the wait loop may go on to Configure.</param>
/// <param name="Created">RequestPeering: this execution created it (false: reused).</param>
/// <param name="Attempt">DescribePeering: the loop counter, one more than the input's.</param>
public sealed record PeeringResult(
    string PeeringConnectionId,
    string Status,
    bool Active,
    bool Created,
    int Attempt,
    PeeringVpcInfo? Requester,
    PeeringVpcInfo? Accepter,
    IReadOnlyList<string> DuplicatesDeleted)
{
    /// <summary>Event mode: the "Acceptance Requested" events put so far, counted by DescribePeering after each callback timeout.</summary>
    public int Announcements { get; init; }

    /// <summary>DescribePeering after the acceptance callback timed out: still pending and announcements left, so announce again.</summary>
    public bool AnnounceAgain { get; init; }
}

/// <summary>ConfigureRoutes, ConfigureSecurityGroups, ConfigureNetworkAcls, ConfigureDns: what one side got.</summary>
/// <param name="Changed">What this call created or changed, one line each.</param>
/// <param name="Present">How many wanted items were already there.</param>
/// <param name="Findings">NACL entries that block the traffic (verify mode) and similar reports.</param>
public sealed record ConfigureResult(
    string Side,
    string PeeringConnectionId,
    IReadOnlyList<string> Changed,
    int Present,
    IReadOnlyList<string> Findings);

/// <summary>VerifyConnectivity: static reachability both ways for the requested ports.</summary>
public sealed record VerifyResult(bool Reachable, IReadOnlyList<PathResult> Paths, IReadOnlyList<string> Notes);

public sealed record PathResult(string From, string To, string Traffic, bool Reachable, string Explanation);

/// <summary>Rollback, Teardown and CleanUpEndedPeering: what was removed.</summary>
public sealed record CleanupResult(
    IReadOnlyList<string> PeeringConnectionIds,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Notes,
    CaughtError? Error)
{
    /// <summary>Teardown: the peerings it deleted whose accepter side it could not reach; the state machine tells their stacks.</summary>
    public IReadOnlyList<AccepterNotice> AccepterNotices { get; init; } = [];
}

/// <summary>
/// A deleted peering whose accepter is in another account that this stack cannot act in (event mode): Teardown announces it
/// as "VPC Peering Deleted" on the accepter's bus, and the accepter's stack removes its own side.
/// </summary>
public sealed record AccepterNotice(string PeeringConnectionId, VpcLocation Requester, VpcLocation Accepter);

/// <summary>A VPC by id, region and owner (the request's <c>requester</c>/<c>accepter</c> shape without role fields).</summary>
public sealed record VpcLocation(string VpcId, string Region, string AccountId)
{
    public static VpcLocation Of(PeeringVpcInfo info) => new(info.VpcId, info.Region, info.AccountId);
}

/// <summary>DecideIncoming: whether the accepter takes the request.</summary>
/// <param name="Decision"><c>accept</c> or <c>reject</c>.</param>
/// <param name="Error">With <c>reject</c>: the error name the requester's execution fails with.</param>
public sealed record DecisionResult(string Decision, string PeeringConnectionId, string? Error, string? Cause);

/// <summary>Reconcile: incoming requests still waiting for acceptance (from allowed accounts) and what the sweep removed.</summary>
/// <param name="Swept">Dead peerings whose leftovers were removed.</param>
/// <param name="Removed">Routes, rules and NACL entries removed, one line each.</param>
/// <param name="Reported">Leftovers of dead peerings that the tool does not manage, or cannot verify, left in place.</param>
public sealed record ReconcileResult(
    IReadOnlyList<PeeringResult> Pending,
    IReadOnlyList<string> Swept,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Reported);

/// <summary>The sweep of dead peerings' leftovers in one account and region.</summary>
public sealed record SweepResult(IReadOnlyList<string> PeeringConnectionIds, IReadOnlyList<string> Removed, IReadOnlyList<string> Reported);
