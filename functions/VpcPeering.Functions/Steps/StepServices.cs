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

    /// <summary>
    /// Both VPCs with the asked parts. When one client reaches both (same account without a role, same region) each part
    /// is one call for both VPCs. With <paramref name="peering"/> the VPCs' blocks come from it and DescribeVpcs is skipped.
    /// </summary>
    public async Task<(VpcSnapshot Requester, VpcSnapshot Accepter)> DescribeBothAsync(
        PeeringRequest request, VpcParts parts, InvocationLog log, PeeringConnection? peering = null)
    {
        var requester = await SideAsync(request, Side.Requester, log);
        if (request.Requester.Region == request.Accepter.Region
            && await Access.ModeAsync(request, Side.Requester) == AccessMode.Own
            && await Access.ModeAsync(request, Side.Accepter) == AccessMode.Own)
        {
            var vpcs = peering is not null
                ? [PeeringViews.Outline(peering.Requester).Vpc, PeeringViews.Outline(peering.Accepter).Vpc]
                : await requester.Reader.DescribeVpcsAsync([request.Requester.VpcId, request.Accepter.VpcId], parts.HasFlag(VpcParts.DnsAttributes));
            var both = await requester.Reader.DescribeAsync(vpcs, parts);
            return (both[0], both[1]);
        }

        var accepter = await SideAsync(request, Side.Accepter, log);
        return (await DescribeAsync(requester, request.Requester.VpcId, parts, peering), await DescribeAsync(accepter, request.Accepter.VpcId, parts, peering));
    }

    private static async Task<VpcSnapshot> DescribeAsync(SideClient client, string vpcId, VpcParts parts, PeeringConnection? peering) =>
        peering is not null
            ? await client.Reader.DescribeAsync(PeeringViews.Outline(peering[client.Side]).Vpc, parts)
            : await client.Reader.DescribeAsync(vpcId, parts);

    /// <summary>The side of the request in this function's own account (the accepter, in the accepter's stack).</summary>
    public async Task<Side> OwnSideAsync(PeeringRequest request) =>
        await Access.ModeAsync(request, Side.Requester) == AccessMode.Own ? Side.Requester : Side.Accepter;
}

public sealed record SideClient(Side Side, NetworkReader Reader, Ec2Operations Operations);
