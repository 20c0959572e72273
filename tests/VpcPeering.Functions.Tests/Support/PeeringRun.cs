using System.Text.Json.Nodes;

namespace VpcPeering.Functions.Tests.Support;

/// <summary>Runs the peering steps in the state machine's order, feeding each its input as the ASL does.</summary>
internal sealed class PeeringRun(FunctionsCloud cloud, string executionName = "run-1", string account = FunctionsCloud.AccountA)
{
    public JsonNode? Request { get; private set; }

    public JsonNode? Peering { get; private set; }

    /// <summary>Preflight's result, which the state machine hands to RequestPeering and the Configure steps as <c>plan</c>.</summary>
    public JsonNode? Plan { get; private set; }

    public string PeeringConnectionId => Peering!["peeringConnectionId"]!.GetValue<string>();

    public async Task<JsonNode> ResolveAsync(JsonNode input)
    {
        var result = await FunctionsCloud.InvokeAsync(new ResolveRequestFunction(cloud.Services(account)).Handle,
            new JsonObject { ["input"] = input.DeepClone(), ["executionName"] = executionName });
        Request = result["request"]?.DeepClone();
        return result;
    }

    public async Task<JsonNode> PreflightAsync()
    {
        Plan = await InvokeAsync(new PreflightFunction(cloud.Services(account)).Handle);
        return Plan;
    }

    public async Task<JsonNode> RequestPeeringAsync()
    {
        Peering = await InvokeAsync(new RequestPeeringFunction(cloud.Services(account)).Handle, ("plan", Plan?.DeepClone()));
        return Peering;
    }

    public async Task<JsonNode> AcceptAsync()
    {
        Peering = await InvokeAsync(new AcceptPeeringFunction(cloud.Services(account)).Handle, ("peeringConnectionId", PeeringConnectionId));
        return Peering;
    }

    public async Task<JsonNode> DescribeAsync()
    {
        Peering = await InvokeAsync(new DescribePeeringFunction(cloud.Services(account)).Handle,
            ("peeringConnectionId", PeeringConnectionId), ("attempt", 0));
        return Peering;
    }

    /// <summary>Request, accept and wait until active, advancing virtual time as the state machine's Waits would.</summary>
    public async Task ActivateAsync(JsonNode input)
    {
        await ResolveAsync(input);
        await PreflightAsync();
        await RequestPeeringAsync();
        cloud.Advance(2);
        await AcceptAsync();
        cloud.Advance(5);
        await DescribeAsync();
    }

    /// <summary>A Configure step as the peering state machine calls it (with Preflight's plan) or, <paramref name="withPlan"/> false, as the accepter's stack does.</summary>
    public Task<JsonNode> ConfigureAsync(Func<Stream, Task<Stream>> handle, string side, bool withPlan = true) =>
        InvokeAsync(handle, ("side", side), ("peering", Peering!.DeepClone()), ("plan", withPlan ? Plan?.DeepClone() : null));

    public Task<JsonNode> RollbackAsync(string error = "RouteConflict") =>
        InvokeAsync(new RollbackFunction(cloud.Services(account)).Handle, ("error", new JsonObject { ["Error"] = error, ["Cause"] = "test" }));

    public Task<JsonNode> InvokeAsync(Func<Stream, Task<Stream>> handle, params (string Name, JsonNode? Value)[] fields)
    {
        var input = new JsonObject { ["request"] = Request!.DeepClone(), ["executionName"] = executionName };
        foreach (var (name, value) in fields.Where(field => field.Value is not null))
        {
            input[name] = value;
        }

        return FunctionsCloud.InvokeAsync(handle, input);
    }
}
