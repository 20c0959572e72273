namespace StatesLanguage;

/// <summary>
/// A failure carrying a States Language error name, as a task handler reports it or the runtime raises it. Retriers and
/// catchers match <see cref="Error"/>; <see cref="Cause"/> is the human-readable explanation.
/// </summary>
public class StatesErrorException : Exception
{
    /// <summary>Creates a failure with an error name (e.g. <c>States.TaskFailed</c> or a handler's own name) and an optional cause.</summary>
    public StatesErrorException(string error, string? cause = null)
        : base(cause is null ? error : $"{error}: {cause}")
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>Creates a failure that wraps the exception that caused it.</summary>
    public StatesErrorException(string error, string? cause, Exception innerException)
        : base(cause is null ? error : $"{error}: {cause}", innerException)
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>The error name retriers and catchers match against.</summary>
    public string Error { get; }

    /// <summary>The explanation, or null when none was given.</summary>
    public string? Cause { get; }
}
