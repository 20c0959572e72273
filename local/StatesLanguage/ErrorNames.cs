namespace StatesLanguage;

/// <summary>The predefined error names of the States Language and the Step Functions service.</summary>
public static class ErrorNames
{
    /// <summary>Matches every error name except <see cref="Runtime"/> and <see cref="DataLimitExceeded"/>.</summary>
    public const string All = "States.ALL";

    /// <summary>A task failed; matches any error except <see cref="Timeout"/>, <see cref="Runtime"/> and <see cref="DataLimitExceeded"/>.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>A task ran longer than TimeoutSeconds, or a whole execution longer than its TimeoutSeconds.</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>A task sent no heartbeat for longer than HeartbeatSeconds.</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>An error the runtime cannot process; never retried nor caught, it fails the execution.</summary>
    public const string Runtime = "States.Runtime";

    /// <summary>A payload grew over 256 KiB; caught or retried only when named explicitly.</summary>
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>A ResultPath could not be applied to the state's input.</summary>
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";

    /// <summary>A Parameters path could not be resolved (spec name; Step Functions raises <see cref="Runtime"/> instead).</summary>
    public const string ParameterPathFailure = "States.ParameterPathFailure";

    /// <summary>An intrinsic function failed.</summary>
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    /// <summary>A branch of a Parallel state failed.</summary>
    public const string BranchFailed = "States.BranchFailed";

    /// <summary>No Choice rule matched and there is no Default.</summary>
    public const string NoChoiceMatched = "States.NoChoiceMatched";

    /// <summary>A Map state's failed items exceeded ToleratedFailureCount/Percentage.</summary>
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";

    /// <summary>The role lacked permission for the task.</summary>
    public const string Permissions = "States.Permissions";

    /// <summary>Returns true when a retrier's or catcher's <paramref name="pattern"/> matches <paramref name="error"/>.</summary>
    public static bool Matches(string pattern, string error) => pattern switch
    {
        _ when pattern == error => true,
        All => error is not Runtime and not DataLimitExceeded,
        TaskFailed => error is not Timeout and not Runtime and not DataLimitExceeded,
        _ => false,
    };
}
