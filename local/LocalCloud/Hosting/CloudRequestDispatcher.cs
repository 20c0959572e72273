using System.Globalization;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using Microsoft.Extensions.Logging;

namespace LocalCloud.Hosting;

/// <summary>
/// The pipeline every request goes through, whatever the transport: read the SigV4 credential scope, pick the
/// service by signing name, authenticate (access key, session token, expiry, signature), throttle, inject faults,
/// call the service, render any error in the service's own format, and append to the request log.
/// Never throws for bad input or a failing service.
/// </summary>
public sealed partial class CloudRequestDispatcher(EmulatedCloud cloud)
{
    private long _requestCounter;

    /// <summary>Handles one raw request.</summary>
    public async Task<AwsServiceResponse> DispatchAsync(AwsServiceRequest request, CancellationToken cancellationToken)
    {
        var requestId = NextRequestId();
        var now = cloud.Time.GetUtcNow();
        var scope = SigV4CredentialScope.TryParse(request);
        if (scope is null)
        {
            Record(new RequestLogEntry(now, requestId, string.Empty, string.Empty, string.Empty, null, string.Empty, null, 403,
                "MissingAuthenticationToken"));
            return JsonError(403, "MissingAuthenticationToken", "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!cloud.Services.TryGetValue(scope.Service, out var service))
        {
            Record(new RequestLogEntry(now, requestId, string.Empty, scope.Region, scope.Service, null, string.Empty, null, 400,
                "UnknownServiceException"));
            return JsonError(400, "UnknownServiceException", "UnknownServiceException",
                $"The local cloud does not emulate the service '{scope.Service}'.");
        }

        var issued = cloud.Credentials.Resolve(scope.AccessKeyId);
        var caller = issued?.Principal
            ?? AwsPrincipal.Root(CredentialStore.IsAccountId(scope.AccessKeyId) ? scope.AccessKeyId : "000000000000");
        var context = new AwsCallContext(scope.Service, scope.Region, caller, requestId, now);
        var action = ResolveAction(service, request);
        var response = Authenticate(request, scope, issued, now) is { } denied
            ? Render(service, denied, context)
            : await InvokeAsync(service, request, action, context, cancellationToken).ConfigureAwait(false);
        var (account, arn, role) = issued is null ? (string.Empty, string.Empty, null) : (caller.AccountId, caller.Arn, caller.RoleArn);
        Record(new RequestLogEntry(
            now, requestId, account, scope.Region, scope.Service, action, arn, role, response.StatusCode, response.ErrorCode));
        return response;
    }

    private static AwsServiceException? Authenticate(
        AwsServiceRequest request, SigV4CredentialScope scope, IssuedCredentials? issued, DateTimeOffset now)
    {
        if (issued is null || (issued.SessionToken is not null && issued.SessionToken != scope.SecurityToken))
        {
            return ServiceErrors.InvalidClientToken(scope.Service);
        }

        if (!SigV4Signature.Verify(request, scope, issued.SecretAccessKey))
        {
            return ServiceErrors.SignatureDoesNotMatch(scope.Service);
        }

        return issued.Expiration is { } expiration && expiration <= now ? ServiceErrors.ExpiredToken(scope.Service) : null;
    }

    private async Task<AwsServiceResponse> InvokeAsync(
        IAwsServiceProtocol service, AwsServiceRequest request, string? action, AwsCallContext context, CancellationToken cancellationToken)
    {
        try
        {
            var name = action ?? string.Empty;
            if (!cloud.Throttling.TryAcquire(context.AccountId, context.Region, context.Service, name, request))
            {
                return Render(service, ServiceErrors.Throttled(context.Service), context);
            }

            if (cloud.Faults.Next(context.Service, name, context.AccountId, context.Region) is { } fault)
            {
                return Render(service, fault, context);
            }

            return await service.HandleAsync(request, context, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException error)
        {
            return Render(service, error, context);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogServiceFailure(cloud.Logger, error, context.Service, action, context.RequestId);
            return Render(service, ServiceErrors.Internal(context.Service, error), context);
        }
    }

    private AwsServiceResponse Render(IAwsServiceProtocol service, AwsServiceException error, AwsCallContext context)
    {
        try
        {
            return service.RenderError(error, context) with { ErrorCode = error.Code };
        }
        catch (Exception renderError)
        {
            LogServiceFailure(cloud.Logger, renderError, context.Service, null, context.RequestId);
            return AwsServiceResponse.Text(500, "text/plain", $"{error.Code}: {error.Message}") with { ErrorCode = error.Code };
        }
    }

    private string? ResolveAction(IAwsServiceProtocol service, AwsServiceRequest request)
    {
        try
        {
            return service.ResolveAction(request);
        }
        catch (Exception error)
        {
            LogServiceFailure(cloud.Logger, error, service.SigningName, null, "-");
            return null;
        }
    }

    private static AwsServiceResponse JsonError(int status, string code, string type, string message) =>
        AwsServiceResponse.Text(status, "application/json", new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString())
            with { ErrorCode = code };

    private void Record(RequestLogEntry entry) => cloud.RequestLog.Add(entry);

    private string NextRequestId()
    {
        var n = Interlocked.Increment(ref _requestCounter);
        return string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{n:x12}");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Service} emulator failed on {Action} (request {RequestId}).")]
    private static partial void LogServiceFailure(ILogger logger, Exception error, string service, string? action, string requestId);
}
