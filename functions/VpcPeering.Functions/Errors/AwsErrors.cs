using Amazon.Runtime;
using VpcPeering.Requests;

namespace VpcPeering.Functions.Errors;

/// <summary>Turns whatever a step threw into the named error the state machines retry or catch.</summary>
public static class AwsErrors
{
    private static readonly HashSet<string> ThrottlingCodes =
        new(["RequestLimitExceeded", "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestThrottled"], StringComparer.Ordinal);

    private static readonly HashSet<string> TransientCodes =
        new(["InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable", "RequestTimeout", "IdempotentParameterMismatch"],
            StringComparer.Ordinal);

    private static readonly HashSet<string> AccessCodes =
        new(["UnauthorizedOperation", "AccessDenied", "AccessDeniedException", "AuthFailure", "InvalidClientTokenId",
            "ExpiredToken", "SignatureDoesNotMatch", "OptInRequired"], StringComparer.Ordinal);

    /// <summary>The named error for <paramref name="exception"/>, or null to let it surface unchanged (a bug).</summary>
    public static PeeringError? Translate(Exception exception) => exception switch
    {
        PeeringError named => named,
        InvalidPeeringRequestException invalid => new InvalidPeeringRequest(invalid.Message, invalid),
        AmazonServiceException aws => Translate(aws),
        HttpRequestException or TimeoutException or IOException => new TransientAwsError(
            $"The call to AWS did not complete ({exception.Message}). The state machine retries; if it keeps failing, check the endpoint and network.",
            exception),
        TaskCanceledException => new TransientAwsError("The call to AWS timed out. The state machine retries.", exception),
        AmazonClientException client => new TransientAwsError($"The AWS client failed ({client.Message}). The state machine retries.", client),
        _ => null,
    };

    private static PeeringError Translate(AmazonServiceException aws)
    {
        var code = aws.ErrorCode ?? "";
        var what = $"AWS answered {code}: {aws.Message}";
        return code switch
        {
            _ when ThrottlingCodes.Contains(code) =>
                new Ec2Throttled($"{what}. The state machine retries with backoff and jitter; raise the EC2 API rate limit if this persists.", aws),
            _ when TransientCodes.Contains(code) || (int)aws.StatusCode >= 500 =>
                new TransientAwsError($"{what}. The state machine retries.", aws),
            _ when AccessCodes.Contains(code) =>
                new AccessDenied($"{what}. Grant the function's role (or the accepter's access role) this action.", aws),
            _ when code.StartsWith("InvalidVpcPeeringConnectionID", StringComparison.OrdinalIgnoreCase) =>
                new PeeringNotFound($"{what}. The peering connection is gone; start the peering again.", aws),
            _ when code.StartsWith("InvalidVpcID", StringComparison.OrdinalIgnoreCase) =>
                new InvalidPeeringRequest($"{what}. Check the VPC id, account and region in the request.", aws),
            _ when code.EndsWith("LimitExceeded", StringComparison.Ordinal) || code.EndsWith("QuotaExceeded", StringComparison.Ordinal) =>
                new LimitExceeded($"{what}. Free some capacity or request a quota increase, then run the peering again.", aws),
            _ => new Ec2RequestFailed($"{what}. Fix the cause AWS names, then run the peering again.", aws),
        };
    }
}
