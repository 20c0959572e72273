namespace VpcPeering.Functions.Errors;

/// <summary>AWS denied a call, or a side cannot be reached with the credentials at hand.</summary>
public sealed class AccessDenied : PeeringError
{
    public AccessDenied(string message)
        : base(message)
    {
    }

    public AccessDenied(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
