using LocalCloud.Core;
using LocalCloud.Hosting;
using LocalCloud.Iam;

namespace LocalCloud;

/// <summary>
/// The composition root of the emulated cloud: shared time, identities and the registered services.
/// Every transport (in-process handler, Kestrel) goes through <see cref="DispatchAsync"/>.
/// </summary>
public sealed class EmulatedCloud
{
    private readonly Dictionary<string, IAwsServiceProtocol> _services = new(StringComparer.Ordinal);

    /// <summary>Creates an empty cloud on the given clock (virtual in tests).</summary>
    public EmulatedCloud(TimeProvider? time = null, CredentialStore? credentials = null)
    {
        Time = time ?? TimeProvider.System;
        Credentials = credentials ?? new CredentialStore();
        Dispatcher = new CloudRequestDispatcher(this);
    }

    /// <summary>The clock every service uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>Access keys the cloud accepts.</summary>
    public CredentialStore Credentials { get; }

    /// <summary>IAM roles of every account.</summary>
    public IamRoleStore Iam { get; } = new();

    /// <summary>Routes raw requests to services.</summary>
    public CloudRequestDispatcher Dispatcher { get; }

    /// <summary>The registered services by signing name.</summary>
    public IReadOnlyDictionary<string, IAwsServiceProtocol> Services => _services;

    /// <summary>Registers a service's wire protocol under its signing name.</summary>
    public void AddService(IAwsServiceProtocol service) => _services[service.SigningName] = service;

    /// <summary>Handles one raw request from any transport.</summary>
    public Task<AwsServiceResponse> DispatchAsync(AwsServiceRequest request, CancellationToken cancellationToken = default) =>
        Dispatcher.DispatchAsync(request, cancellationToken);

    /// <summary>An <see cref="HttpMessageHandler"/> that serves AWS SDK clients in-process, with no sockets.</summary>
    public HttpMessageHandler CreateHttpMessageHandler() => new InProcessCloudHandler(this);
}
