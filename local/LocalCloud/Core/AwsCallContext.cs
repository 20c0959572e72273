namespace LocalCloud.Core;

/// <summary>Everything a service needs to know about one API call besides its parameters.</summary>
/// <param name="Service">The SigV4 signing name (<c>ec2</c>, <c>sts</c>, <c>states</c>, <c>events</c>, <c>lambda</c>).</param>
/// <param name="Region">The region from the credential scope.</param>
/// <param name="Caller">The authenticated principal.</param>
/// <param name="RequestId">The request id echoed in responses and errors.</param>
/// <param name="Time">The cloud's (possibly virtual) time when the call arrived.</param>
public sealed record AwsCallContext(string Service, string Region, AwsPrincipal Caller, string RequestId, DateTimeOffset Time)
{
    /// <summary>The account the call acts in.</summary>
    public string AccountId => Caller.AccountId;
}
