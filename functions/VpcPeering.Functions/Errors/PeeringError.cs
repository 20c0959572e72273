namespace VpcPeering.Functions.Errors;

/// <summary>
/// A failure the state machines match by name: the managed .NET runtime reports the exception's type name as the
/// Lambda errorType, which Step Functions uses as the error name in Retry and Catch. Messages say what happened and what to do.
/// </summary>
public abstract class PeeringError : Exception
{
    protected PeeringError(string message)
        : base(message)
    {
    }

    protected PeeringError(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The Step Functions error name (the type name).</summary>
    public string ErrorName => GetType().Name;

    /// <summary>Whether the state machines retry this error with backoff.</summary>
    public virtual bool IsTransient => false;
}
