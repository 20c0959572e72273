using LocalCloud.Core;

namespace LocalCloud.Tests.Support;

/// <summary>A Query-protocol service under any signing name whose handler runs the given code; errors in EC2's format.</summary>
internal sealed class StubQueryService(string signingName, Func<string, AwsServiceResponse> handle) : IAwsServiceProtocol
{
    public string SigningName => signingName;

    public string? ResolveAction(AwsServiceRequest request) => Protocols.QueryParameters.From(request).Action;

    public Task<AwsServiceResponse> HandleAsync(AwsServiceRequest request, AwsCallContext context, CancellationToken cancellationToken) =>
        Task.FromResult(handle(ResolveAction(request) ?? string.Empty));

    public AwsServiceResponse RenderError(AwsServiceException error, AwsCallContext context) =>
        AwsServiceResponse.Text(error.StatusCode, "text/xml",
            $"<Response><Errors><Error><Code>{error.Code}</Code><Message>{error.Message}</Message></Error></Errors>"
            + $"<RequestID>{context.RequestId}</RequestID></Response>");

    public static AwsServiceResponse Ok(string action) =>
        AwsServiceResponse.Text(200, "text/xml",
            $"<{action}Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId></{action}Response>");
}
