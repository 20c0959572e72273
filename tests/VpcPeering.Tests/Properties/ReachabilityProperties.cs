using CsCheck;
using VpcPeering.Reachability;
using VpcPeering.Requests;

namespace VpcPeering.Tests.Properties;

public class ReachabilityProperties
{
    private static readonly Gen<(string Protocol, int Port)> Traffic =
        Gen.Select(Gen.OneOf("tcp", "tcp", "udp", "icmp"), Gen.Int[0, 20]);

    [Fact]
    public void The_verdict_agrees_with_a_brute_force_packet_walk() =>
        Deterministic.ForAll(Gen.Select(RandomTopology.Snapshot, Traffic, Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[1, 3], Gen.Int[1, 3]),
            400, input =>
        {
            var (snapshot, (protocol, port), sourceIndex, destinationIndex, sourceGroups, destinationGroups) = input;
            var subnets = snapshot.Requester.Subnets.Concat(snapshot.Accepter.Subnets).ToList();
            if (sourceIndex == destinationIndex)
            {
                return; // NACLs do not filter traffic within one subnet; the walk is about crossing subnets.
            }

            var source = Endpoint(snapshot, subnets[sourceIndex].SubnetId, sourceGroups);
            var destination = Endpoint(snapshot, subnets[destinationIndex].SubnetId, destinationGroups);
            var traffic = protocol == "icmp" ? PortSpec.Icmp : new PortSpec(protocol == "tcp" ? IpProtocol.Tcp : IpProtocol.Udp, port,
                port);

            var verdict = new ReachabilityAnalyzer(snapshot, RandomTopology.EphemeralPorts).Check(source, destination, traffic);

            Assert.True(
                PacketWalkOracle.Reachable(snapshot, source, destination, protocol, port) == verdict.IsReachable,
                $"{source.SubnetId} -> {destination.SubnetId} {traffic}: analyzer says '{verdict}'");
        });

    /// <summary>Bit 0 and bit 1 pick the subnet's VPC's first and second group.</summary>
    private static Endpoint Endpoint(Network.NetworkSnapshot snapshot, string subnetId, int groupMask)
    {
        var vpc = snapshot.Requester.Subnets.Any(subnet => subnet.SubnetId == subnetId) ? snapshot.Requester : snapshot.Accepter;
        return new Endpoint(subnetId, [.. vpc.SecurityGroups.Where((_, index) => (groupMask & (1 << index)) != 0).Select(group
            => group.GroupId)]);
    }
}
