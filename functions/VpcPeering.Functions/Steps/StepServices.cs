using VpcPeering.Functions.Ec2;
using VpcPeering.Functions.Hosting;
using VpcPeering.Network;
using VpcPeering.Requests;

namespace VpcPeering.Functions.Steps;

/// <summary>What the steps share per container: configuration, the way to each side, the log.</summary>
public sealed class StepServices(FunctionServices host, string function)
{
    public FunctionServices Host => host;

    public FunctionConfiguration Configuration { get; } = new(host.Configuration);

    public SideAccess Access { get; } = new(host);

    public FunctionLog Log { get; } = new(host.Log, host.Time, function, new FunctionConfiguration(host.Configuration).LogsDebug);

    /// <summary>Reads and changes one side of the request, as that side's owner.</summary>
    public async Task<SideClient> SideAsync(PeeringRequest request, Side side, InvocationLog log)
    {
        var ec2 = await Access.Ec2Async(request, side);
        var region = side == Side.Requester ? request.Requester.Region : request.Accepter.Region;
        return new SideClient(side, new NetworkReader(ec2, region), new Ec2Operations(ec2, log));
    }

    /// <summary>The side of the request in this function's own account (the accepter, in the accepter's stack).</summary>
    public async Task<Side> OwnSideAsync(PeeringRequest request) =>
        await Access.ModeAsync(request, Side.Requester) == AccessMode.Own ? Side.Requester : Side.Accepter;
}

public sealed record SideClient(Side Side, NetworkReader Reader, Ec2Operations Operations);
