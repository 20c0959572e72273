namespace LocalCloud.Core;

/// <summary>Where services publish the events AWS emits on their behalf (the owner account's default bus).</summary>
public interface ICloudEventSink
{
    /// <summary>Delivers an AWS-emitted event to the default event bus of its account and region.</summary>
    void Publish(CloudEvent cloudEvent);
}

/// <summary>A sink that drops every event, for services used without EventBridge.</summary>
public sealed class NullCloudEventSink : ICloudEventSink
{
    /// <summary>The shared instance.</summary>
    public static NullCloudEventSink Instance { get; } = new();

    /// <inheritdoc />
    public void Publish(CloudEvent cloudEvent)
    {
    }
}
