namespace LocalCloud.Core;

/// <summary>
/// An API error as the service documents it. The state model throws it; the service's wire protocol
/// renders it (Query XML for EC2 and STS, JSON for Step Functions, EventBridge and Lambda).
/// </summary>
/// <param name="code">The exact AWS error code, e.g. <c>InvalidVpcID.NotFound</c>.</param>
/// <param name="message">The message AWS would send.</param>
/// <param name="statusCode">The HTTP status (400 unless AWS documents otherwise).</param>
public sealed class AwsServiceException(string code, string message, int statusCode = 400) : Exception(message)
{
    /// <summary>The exact AWS error code.</summary>
    public string Code { get; } = code;

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; } = statusCode;
}
