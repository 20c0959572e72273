using System.Net;
using VpcPeering.Network;
using VpcPeering.Reachability;

namespace VpcPeering.Tests.Properties;

/// <summary>
/// An independent, deliberately naive reachability check: every source address × every destination address
/// × every reply port, each packet walked hop by hop with plain integer address math.
/// </summary>
internal static class PacketWalkOracle
{
    public static bool Reachable(NetworkSnapshot snapshot, Endpoint source, Endpoint destination, string protocol, int port)
    {
        var (sourceVpc, sourceSubnet) = Find(snapshot, source.SubnetId);
        var (destinationVpc, destinationSubnet) = Find(snapshot, destination.SubnetId);
        var hasPorts = protocol is "tcp" or "udp";
        var replyPorts = hasPorts ? Enumerable.Range(RandomTopology.EphemeralPorts.From,
            RandomTopology.EphemeralPorts.To - RandomTopology.EphemeralPorts.From + 1) : [port];
        foreach (var a in Addresses(sourceSubnet.Ipv4Cidr!))
        {
            foreach (var b in Addresses(destinationSubnet.Ipv4Cidr!))
            {
                var ok = RouteLeadsTo(snapshot, sourceVpc, sourceSubnet, b, destinationVpc)
                    && RouteLeadsTo(snapshot, destinationVpc, destinationSubnet, a, sourceVpc)
                    && GroupsAllow(snapshot, sourceVpc, source, egress: true, protocol, port, b, destinationVpc, destination)
                    && GroupsAllow(snapshot, destinationVpc, destination, egress: false, protocol, port, a, sourceVpc, source)
                    && AclAllows(sourceVpc, sourceSubnet, egress: true, protocol, port, b)
                    && AclAllows(destinationVpc, destinationSubnet, egress: false, protocol, port, a)
                    && replyPorts.All(reply => AclAllows(destinationVpc, destinationSubnet, egress: true, protocol, reply, a)
                        && AclAllows(sourceVpc, sourceSubnet, egress: false, protocol, reply, b));
                if (!ok)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static (VpcSnapshot Vpc, Subnet Subnet) Find(NetworkSnapshot snapshot, string subnetId) =>
        new[] { snapshot.Requester, snapshot.Accepter }
            .SelectMany(vpc => vpc.Subnets.Select(subnet => (vpc, subnet)))
            .Single(pair => pair.subnet.SubnetId == subnetId);

    private static (uint Network, int Prefix) Parse(string cidr)
    {
        var parts = cidr.Split('/');
        var bytes = IPAddress.Parse(parts[0]).GetAddressBytes();
        return ((uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]), int.Parse(parts[1],
            System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool Contains(string cidr, uint address)
    {
        var (network, prefix) = Parse(cidr);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (address & mask) == (network & mask);
    }

    private static IEnumerable<uint> Addresses(string cidr)
    {
        var (network, prefix) = Parse(cidr);
        for (var offset = 0u; offset < 1u << (32 - prefix); offset++)
        {
            yield return network + offset;
        }
    }

    private static bool RouteLeadsTo(NetworkSnapshot snapshot, VpcSnapshot from, Subnet subnet, uint address, VpcSnapshot to)
    {
        var table = from.RouteTables.FirstOrDefault(candidate => candidate.SubnetIds.Contains(subnet.SubnetId))
            ?? from.RouteTables.First(candidate => candidate.IsMain);
        var best = table.Routes.Where(route => Contains(route.DestinationCidr, address)).MaxBy(route
            => Parse(route.DestinationCidr).Prefix);
        if (best is null || best.State == RouteState.Blackhole)
        {
            return false;
        }

        return best.Target.Kind switch
        {
            RouteTargetKind.Local => from == to,
            RouteTargetKind.PeeringConnection => from != to && snapshot.Peering is { StatusCode: PeeringStatus.Active } peering
                && peering.PeeringConnectionId == best.Target.Id,
            _ => false,
        };
    }

    private static bool GroupsAllow(
        NetworkSnapshot snapshot, VpcSnapshot vpc, Endpoint local, bool egress, string protocol, int port, uint remoteAddress,
            VpcSnapshot remoteVpc, Endpoint remote)
    {
        var referencesWork = vpc == remoteVpc || snapshot.Peering is { StatusCode: PeeringStatus.Active };
        return vpc.SecurityGroups
            .Where(group => local.SecurityGroupIds.Contains(group.GroupId))
            .SelectMany(group => egress ? group.Egress : group.Ingress)
            .Any(rule => ProtocolMatches(rule.Protocol, protocol) && PortMatches(rule.Protocol, rule.FromPort, rule.ToPort, port)
                && (rule.Ipv4Cidrs.Any(cidr => Contains(cidr, remoteAddress))
                    || (referencesWork && rule.ReferencedGroupIds.Any(reference
                        => remote.SecurityGroupIds.Contains(reference.Split('/')[^1])))));
    }

    private static bool AclAllows(VpcSnapshot vpc, Subnet subnet, bool egress, string protocol, int port, uint remoteAddress)
    {
        var acl = vpc.NetworkAcls.FirstOrDefault(candidate => candidate.SubnetIds.Contains(subnet.SubnetId))
            ?? vpc.NetworkAcls.First(candidate => candidate.IsDefault);
        var first = acl.Entries
            .Where(entry => entry.Egress == egress)
            .OrderBy(entry => entry.RuleNumber)
            .FirstOrDefault(entry => ProtocolMatches(entry.Protocol, protocol) && PortMatches(entry.Protocol, entry.FromPort,
                entry.ToPort, port)
                && Contains(entry.Cidr, remoteAddress));
        return first?.Action == NetworkAclAction.Allow;
    }

    private static bool ProtocolMatches(string rule, string protocol) =>
        rule == "-1" || rule == protocol || (rule == "6" && protocol == "tcp");

    private static bool PortMatches(string ruleProtocol, int? from, int? to, int port) =>
        ruleProtocol is not ("tcp" or "udp" or "6") || from is null || (from <= port && port <= to);
}
