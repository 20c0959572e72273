using System.Text.Json;

namespace VpcPeering.Functions.Contracts;

/// <summary>
/// The input every step reads; the state machine sets the fields a step needs (see each handler).
/// </summary>
public sealed record StepInput
{
    /// <summary>The canonical request document ResolveRequest produced.</summary>
    public JsonElement? Request { get; init; }

    /// <summary>The execution name (<c>$$.Execution.Name</c>), for logs and the peering's tags.</summary>
    public string? ExecutionName { get; init; }

    public string? PeeringConnectionId { get; init; }

    /// <summary>The peering as RequestPeering, AcceptPeering or DescribePeering last reported it.</summary>
    public PeeringResult? Peering { get; init; }

    /// <summary>
    /// Preflight's result. RequestPeering reuses the peering it found; Configure steps apply its plan without describing
    /// their side again while the plan still holds (<see cref="PlanBasis"/>).
    /// </summary>
    public PreflightResult? Plan { get; init; }

    /// <summary><c>requester</c> or <c>accepter</c>: the side a Configure step works on.</summary>
    public string? Side { get; init; }

    /// <summary>DescribePeering: how many times the wait loop described so far.</summary>
    public int Attempt { get; init; }

    /// <summary>DescribePeering: the bound of the wait loop (30 when not given).</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>DescribePeering: the acceptance callback timed out; a still-pending peering is <c>AcceptanceTimedOut</c>.</summary>
    public bool AfterTimeout { get; init; }

    /// <summary>DescribePeering after the callback timed out: the "Acceptance Requested" events put, the last included.</summary>
    public int Announcements { get; init; }

    /// <summary>DescribePeering after the callback timed out: the bound on announcements (1 when not given: none again).</summary>
    public int? MaxAnnouncements { get; init; }

    /// <summary>VerifyConnectivity: fail with <c>Unreachable</c> instead of only reporting.</summary>
    public bool FailOnUnreachable { get; init; }

    /// <summary>Rollback: the error that was caught (<c>{"Error": …, "Cause": …}</c>).</summary>
    public CaughtError? Error { get; init; }

    /// <summary>Teardown without a request: the VPC whose managed peerings go.</summary>
    public string? VpcId { get; init; }

    /// <summary>Teardown without a request: the VPC's region.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// CleanUpEndedPeering: the account that put the event (its <c>account</c> field, which EventBridge sets to the sender's
    /// account; PutEvents has no way to choose it).
    /// </summary>
    public string? SenderAccountId { get; init; }
}

/// <summary>What a Catch hands over in its ResultPath.</summary>
public sealed record CaughtError(string? Error, string? Cause);

/// <summary>ResolveRequest: the execution input as it arrived (a request, a tag-change event or a CloudTrail event).</summary>
public sealed record ResolveInput(JsonElement Input, string? ExecutionName);
