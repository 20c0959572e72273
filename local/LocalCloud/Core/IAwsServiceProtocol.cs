namespace LocalCloud.Core;

/// <summary>The wire protocol of one emulated service: turns raw requests into state-model calls and back.</summary>
public interface IAwsServiceProtocol
{
    /// <summary>The SigV4 signing name that routes requests here (<c>ec2</c>, <c>sts</c>, <c>states</c>, ...).</summary>
    string SigningName { get; }

    /// <summary>The API action a request names (Query <c>Action</c>, JSON <c>X-Amz-Target</c>, REST path), or null.</summary>
    string? ResolveAction(AwsServiceRequest request);

    /// <summary>Handles one request. <see cref="AwsServiceException"/> thrown here is rendered by <see cref="RenderError"/>.</summary>
    Task<AwsServiceResponse> HandleAsync(AwsServiceRequest request, AwsCallContext context, CancellationToken cancellationToken);

    /// <summary>Renders an error in this service's wire format.</summary>
    AwsServiceResponse RenderError(AwsServiceException error, AwsCallContext context);
}
