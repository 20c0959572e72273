using LocalCloud.Core;
using LocalCloud.Ec2.Protocol;

namespace LocalCloud.Ec2;

/// <summary>Registers the EC2 emulation on a cloud.</summary>
public static class Ec2Service
{
    /// <summary>
    /// Creates an <see cref="Ec2Model"/> on the cloud's clock and registers its Query protocol under <c>ec2</c>.
    /// Tag changes and CloudTrail API-call events go to <paramref name="events"/>.
    /// </summary>
    /// <returns>The model, for direct reads, topology seeding and state snapshots.</returns>
    public static Ec2Model AddTo(EmulatedCloud cloud, ICloudEventSink? events = null, Ec2Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var model = new Ec2Model(cloud.Time, events, options);
        cloud.AddService(new Ec2QueryProtocol(model, events));
        return model;
    }

    /// <summary>The EC2 model registered on the cloud, or null when EC2 is not registered.</summary>
    public static Ec2Model? Ec2Model(this EmulatedCloud cloud) =>
        cloud?.Services.GetValueOrDefault("ec2") is Ec2QueryProtocol protocol ? protocol.Model : null;
}
