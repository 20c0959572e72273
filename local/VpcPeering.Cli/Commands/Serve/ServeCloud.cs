using LocalCloud;
using LocalCloud.Core;
using LocalCloud.Ec2;
using LocalCloud.Topology;
using Microsoft.Extensions.Logging;

namespace VpcPeering.Cli.Commands.Serve;

/// <summary>The cloud that <c>serve</c> runs: STS and IAM (always), EC2, with IAM and EC2 state kept by <c>--state</c>.</summary>
internal static class ServeCloud
{
    public static EmulatedCloud Create(TimeProvider time, ILogger logger)
    {
        var cloud = new EmulatedCloud(time) { Logger = logger };
        cloud.RequestLog.Capacity = 10_000;
        var ec2 = Ec2Service.AddTo(cloud);
        cloud.AddStatefulService(new StatefulService("ec2", ec2.Export, ec2.Import));
        return cloud;
    }

    /// <summary>Loads each topology file in order; the ids it created, by name.</summary>
    public static IReadOnlyList<SeededResource> Seed(EmulatedCloud cloud, IReadOnlyList<string> topologyFiles)
    {
        var ec2 = cloud.Ec2Model() ?? throw new InvalidOperationException("EC2 is not registered on the cloud.");
        return
        [
            .. from file in topologyFiles
               from created in TopologyLoader.LoadFile(cloud, ec2, file).Ids
               select new SeededResource(Path.GetFileName(file), created.Key, created.Value),
        ];
    }
}
