namespace VpcPeering.Functions.Errors;

/// <summary>
/// A "VPC Peering Failed/Deleted" event came from an account that did not request the peering it names: a partner may
/// only make this stack clean up after peerings it requested itself. Nothing is removed.
/// </summary>
public sealed class SenderNotRequester : PeeringError
{
    public SenderNotRequester(string message)
        : base(message)
    {
    }

    public SenderNotRequester(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
