using LocalCloud.Core;

namespace LocalCloud.Hosting;

/// <summary>
/// The errors the cloud itself raises before a service sees a request (authentication, throttling, internal
/// failures), spelled the way each service family spells them: EC2 and STS (Query) versus the JSON services.
/// </summary>
public static class ServiceErrors
{
    private const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. "
        + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private const string InvalidTokenMessage = "The security token included in the request is invalid.";

    /// <summary>The access key id is unknown, or the session token does not belong to it.</summary>
    public static AwsServiceException InvalidClientToken(string service) => service switch
    {
        "ec2" or "sts" => new("InvalidClientTokenId", InvalidTokenMessage, 403),
        _ => new("UnrecognizedClientException", InvalidTokenMessage, 403),
    };

    /// <summary>The signature does not match the one computed from the secret.</summary>
    public static AwsServiceException SignatureDoesNotMatch(string service) => service switch
    {
        "ec2" or "sts" => new("SignatureDoesNotMatch", SignatureMismatchMessage, 403),
        _ => new("InvalidSignatureException", SignatureMismatchMessage, 403),
    };

    /// <summary>Temporary credentials expired on the cloud's clock (EC2 answers <c>RequestExpired</c>, per its common errors).</summary>
    public static AwsServiceException ExpiredToken(string service) => service switch
    {
        "ec2" => new("RequestExpired", "Request has expired.", 400),
        "sts" => new("ExpiredToken", "The security token included in the request is expired", 403),
        _ => new("ExpiredTokenException", "The security token included in the request is expired", 403),
    };

    /// <summary>A token bucket is empty (EC2 <c>RequestLimitExceeded</c>, STS <c>Throttling</c>).</summary>
    public static AwsServiceException Throttled(string service) => service switch
    {
        "ec2" => new("RequestLimitExceeded", "Request limit exceeded.", 503),
        "sts" => new("Throttling", "Rate exceeded", 400),
        "lambda" => new("TooManyRequestsException", "Rate exceeded", 429),
        _ => new("ThrottlingException", "Rate exceeded", 400),
    };

    /// <summary>An unexpected failure inside the emulator, reported as the service's internal error.</summary>
    public static AwsServiceException Internal(string service, Exception error) => service switch
    {
        "ec2" => new("InternalError", $"An internal error has occurred: {error.Message}", 500),
        "lambda" => new("ServiceException", $"An internal error has occurred: {error.Message}", 500),
        _ => new("InternalFailure", $"An internal error has occurred: {error.Message}", 500),
    };
}
