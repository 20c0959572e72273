using System.Text.Json;
using System.Text.Json.Nodes;
using LocalCloud.Core;
using LocalCloud.Hosting;
using LocalCloud.Iam;
using LocalCloud.Sts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalCloud;

/// <summary>
/// The composition root of the emulated cloud: shared time, identities and the registered services.
/// Every transport (in-process handler, Kestrel) goes through <see cref="DispatchAsync"/>.
/// STS is always registered; other services are added with <see cref="AddService"/>.
/// </summary>
public sealed class EmulatedCloud
{
    private readonly Dictionary<string, IAwsServiceProtocol> _services = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IStatefulService> _stateful = new(StringComparer.Ordinal);

    /// <summary>Creates a cloud with STS on the given clock (virtual in tests).</summary>
    public EmulatedCloud(TimeProvider? time = null, CredentialStore? credentials = null)
    {
        Time = time ?? TimeProvider.System;
        Credentials = credentials ?? new CredentialStore();
        Dispatcher = new CloudRequestDispatcher(this);
        Throttling = new RequestThrottler(Time);
        Sts = new SecurityTokenService(Iam, Credentials, Time);
        AddService(new StsQueryProtocol(Sts));
        AddStatefulService(Iam);
    }

    /// <summary>The clock every service uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>Access keys the cloud accepts.</summary>
    public CredentialStore Credentials { get; }

    /// <summary>IAM roles of every account, and their policy evaluation.</summary>
    public IamRoleStore Iam { get; } = new();

    /// <summary>The STS state model: AssumeRole (also on behalf of service principals) and GetCallerIdentity.</summary>
    public SecurityTokenService Sts { get; }

    /// <summary>Every request handled, for API-call counts and outcomes.</summary>
    public RequestLog RequestLog { get; } = new();

    /// <summary>Fault rules that fail matching calls in the service's own error format.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Optional token-bucket throttling (off by default).</summary>
    public RequestThrottler Throttling { get; }

    /// <summary>Where the cloud reports emulator failures (never the caller's errors).</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Routes raw requests to services.</summary>
    public CloudRequestDispatcher Dispatcher { get; }

    /// <summary>The registered services by signing name.</summary>
    public IReadOnlyDictionary<string, IAwsServiceProtocol> Services => _services;

    /// <summary>Registers a service's wire protocol under its signing name.</summary>
    public void AddService(IAwsServiceProtocol service) => _services[service.SigningName] = service;

    /// <summary>The parts whose state <see cref="SaveState"/> writes, by state name.</summary>
    public IReadOnlyDictionary<string, IStatefulService> StatefulServices => _stateful;

    /// <summary>Registers a part whose state survives restarts (IAM is registered already).</summary>
    public void AddStatefulService(IStatefulService service) => _stateful[service.StateName] = service;

    /// <summary>Writes the state of every stateful part as one JSON document: <c>{ "iam": …, "ec2": … }</c>.</summary>
    public void SaveState(Stream destination)
    {
        var document = new JsonObject();
        foreach (var (name, service) in _stateful.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            using var buffer = new MemoryStream();
            service.Export(buffer);
            document[name] = JsonNode.Parse(buffer.ToArray());
        }

        using var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true });
        document.WriteTo(writer);
    }

    /// <summary>
    /// Restores what <see cref="SaveState"/> wrote. Parts missing from the document keep their state; parts in the
    /// document that are not registered are ignored.
    /// </summary>
    public void LoadState(Stream source)
    {
        var document = JsonNode.Parse(source) as JsonObject
            ?? throw new InvalidDataException("The state file is not a JSON object of service states.");
        foreach (var (name, state) in document)
        {
            if (state is not null && _stateful.TryGetValue(name, out var service))
            {
                using var buffer = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(state));
                service.Import(buffer);
            }
        }
    }

    /// <summary>Handles one raw request from any transport.</summary>
    public Task<AwsServiceResponse> DispatchAsync(AwsServiceRequest request, CancellationToken cancellationToken = default) =>
        Dispatcher.DispatchAsync(request, cancellationToken);

    /// <summary>An <see cref="HttpMessageHandler"/> that serves AWS SDK clients in-process, with no sockets.</summary>
    public HttpMessageHandler CreateHttpMessageHandler() => new InProcessCloudHandler(this);
}
