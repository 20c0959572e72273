using System.Globalization;
using LocalCloud.Core;

namespace LocalCloud.Hosting;

/// <summary>
/// Authenticates a request from its SigV4 credential scope, picks the service by signing name and region,
/// and turns <see cref="AwsServiceException"/> into the service's own error format. Never throws for bad input.
/// </summary>
public sealed class CloudRequestDispatcher(EmulatedCloud cloud)
{
    private long _requestCounter;

    /// <summary>Handles one raw request.</summary>
    public async Task<AwsServiceResponse> DispatchAsync(AwsServiceRequest request, CancellationToken cancellationToken)
    {
        var requestId = NextRequestId();
        var scope = SigV4CredentialScope.TryParse(request.Header("Authorization"));
        if (scope is null)
        {
            return AwsServiceResponse.Text(403, "application/json",
                "{\"__type\":\"MissingAuthenticationTokenException\",\"message\":\"Missing Authentication Token\"}");
        }

        if (!cloud.Services.TryGetValue(scope.Service, out var service))
        {
            return AwsServiceResponse.Text(400, "application/json",
                $"{{\"__type\":\"UnknownServiceException\",\"message\":\"The local cloud does not emulate the service '{scope.Service}'.\"}}");
        }

        var issued = cloud.Credentials.Resolve(scope.AccessKeyId);
        var caller = issued?.Principal ?? AwsPrincipal.Root("000000000000");
        var context = new AwsCallContext(scope.Service, scope.Region, caller, requestId, cloud.Time.GetUtcNow());
        if (issued is null)
        {
            return service.RenderError(
                new AwsServiceException("InvalidClientTokenId", "The security token included in the request is invalid.", 403), context);
        }

        try
        {
            return await service.HandleAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error)
        {
            return service.RenderError(error, context) with { ErrorCode = error.Code };
        }
    }

    private string NextRequestId()
    {
        var n = Interlocked.Increment(ref _requestCounter);
        return string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{n:x12}");
    }
}
