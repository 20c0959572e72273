using System.Text.Json.Nodes;
using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Errors;
using VpcPeering.Functions.Hosting;
using VpcPeering.Functions.Tests.Support;
using static VpcPeering.Functions.Tests.Support.FunctionsCloud;

namespace VpcPeering.Functions.Tests;

/// <summary>
/// Event mode's bounded re-announce: what DescribePeering decides after a waitForTaskToken callback timed out
/// (Step Functions developer guide, "Wait for a Callback with Task Token": a task without an answer fails with
/// States.Timeout once TimeoutSeconds pass), and the accepter's tolerance of a repeated announcement.
/// </summary>
public sealed class AcceptanceRetryTests : IDisposable
{
    private readonly FunctionsCloud _cloud = new();

    public void Dispose() => _cloud.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_still_pending_peering_is_announced_again_while_announcements_are_left(int made)
    {
        var run = await PendingRunAsync();

        var described = await DescribeAfterTimeoutAsync(run, made, maxAnnouncements: 3);

        Assert.True(described["announceAgain"]!.GetValue<bool>());
        Assert.Equal(made, described["announcements"]!.GetValue<int>());
        Assert.Equal("pending-acceptance", described["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_last_unanswered_announcement_is_AcceptanceTimedOut()
    {
        var run = await PendingRunAsync();

        var error = await Assert.ThrowsAsync<AcceptanceTimedOut>(() => DescribeAfterTimeoutAsync(run, made: 3, maxAnnouncements: 3));

        Assert.Contains("after 3 announcement(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bound_the_first_timeout_is_AcceptanceTimedOut_as_before()
    {
        var run = await PendingRunAsync();

        await Assert.ThrowsAsync<AcceptanceTimedOut>(() => run.InvokeAsync(new DescribePeeringFunction(_cloud.Services()).Handle,
            ("peeringConnectionId", run.PeeringConnectionId), ("afterTimeout", true)));
    }

    [Fact]
    public async Task An_accepted_peering_whose_answer_was_lost_goes_on_without_announcing_again()
    {
        var run = await PendingRunAsync();
        await run.AcceptAsync();
        _cloud.Advance(5);

        var described = await DescribeAfterTimeoutAsync(run, made: 1, maxAnnouncements: 3);

        Assert.True(described["active"]!.GetValue<bool>());
        Assert.False(described["announceAgain"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_repeated_announcement_for_an_active_peering_is_accepted_again_without_a_second_accept()
    {
        var accepterVpc = await _cloud.CreateVpcAsync("10.1.0.0/16", AccountB);
        var run = new PeeringRun(_cloud);
        await run.ResolveAsync(Request((await _cloud.CreateVpcAsync("10.0.0.0/16")).VpcId, accepterVpc.VpcId, AccountB));
        await run.RequestPeeringAsync();
        _cloud.Advance(2);
        var accepter = _cloud.Services(AccountB, new Dictionary<string, string> { ["ALLOWED_REQUESTER_ACCOUNTS"] = AccountA });
        await run.InvokeAsync(new AcceptPeeringFunction(accepter).Handle, ("peeringConnectionId", run.PeeringConnectionId));
        _cloud.Advance(5);

        var decision = await run.InvokeAsync(new DecideIncomingFunction(accepter).Handle, ("peeringConnectionId", run.PeeringConnectionId));
        var accepted = await run.InvokeAsync(new AcceptPeeringFunction(accepter).Handle, ("peeringConnectionId", run.PeeringConnectionId));

        Assert.Equal("accept", decision["decision"]!.GetValue<string>());
        Assert.True(accepted["active"]!.GetValue<bool>());
        // The step accepts first (one call on the happy path); EC2 refuses the second accept and a describe reports it active.
        Assert.Single(_cloud.Cloud.RequestLog.For("ec2", "AcceptVpcPeeringConnection"), call => call.Succeeded);
        Assert.Contains(_cloud.LogLines(), line => line.GetProperty("action").GetString() == "incoming.repeated");
    }

    [Fact]
    public async Task Accepting_a_peering_someone_accepted_meanwhile_reports_it_instead_of_failing()
    {
        var run = await PendingRunAsync();
        await run.AcceptAsync();

        var again = await run.AcceptAsync();

        Assert.Equal("provisioning", again["status"]!.GetValue<string>());
        Assert.Equal(["ok", "InvalidStateTransition"], _cloud.Cloud.RequestLog.For("ec2", "AcceptVpcPeeringConnection").Select(call => call.Outcome));
    }

    /// <summary>A same-account peering requested and pending acceptance (nobody accepts it).</summary>
    private async Task<PeeringRun> PendingRunAsync()
    {
        var run = new PeeringRun(_cloud);
        var (requester, accepter) = (await _cloud.CreateVpcAsync("10.0.0.0/16"), await _cloud.CreateVpcAsync("10.1.0.0/16"));
        await run.ResolveAsync(Request(requester.VpcId, accepter.VpcId));
        await run.RequestPeeringAsync();
        _cloud.Advance(2);
        return run;
    }

    /// <summary>DescribeAfterTimeout's input: the peering state machine passes the announcements made so far and the bound.</summary>
    private Task<JsonNode> DescribeAfterTimeoutAsync(PeeringRun run, int made, int maxAnnouncements) =>
        run.InvokeAsync(new DescribePeeringFunction(_cloud.Services()).Handle,
            ("peeringConnectionId", run.PeeringConnectionId), ("attempt", 0), ("maxAttempts", 60), ("afterTimeout", true),
            ("announcements", made), ("maxAnnouncements", maxAnnouncements));
}
