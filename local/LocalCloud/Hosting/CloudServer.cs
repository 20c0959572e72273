using System.Net;
using LocalCloud.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LocalCloud.Hosting;

/// <summary>
/// Serves an <see cref="EmulatedCloud"/> over HTTP on 127.0.0.1 with Kestrel: one endpoint for every service
/// (awscli, SDKs with an endpoint URL). Every request goes to <see cref="EmulatedCloud.DispatchAsync"/>;
/// a failure while serving one request answers 500 and is logged, and the server keeps running.
/// </summary>
public sealed partial class CloudServer : IAsyncDisposable
{
    /// <summary>The port LocalStack and this tool use by default.</summary>
    public const int DefaultPort = 4566;

    private readonly WebApplication _app;

    private CloudServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The bound endpoint, e.g. <c>http://127.0.0.1:4566/</c>; with port 0 the port the OS chose.</summary>
    public Uri Endpoint { get; }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 picks a free port).</summary>
    public static async Task<CloudServer> StartAsync(
        EmulatedCloud cloud, int port = DefaultPort, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(context => ServeAsync(cloud, context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return new CloudServer(app, endpoint);
    }

    /// <summary>Stops accepting requests and waits for the ones in flight.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task ServeAsync(EmulatedCloud cloud, HttpContext context)
    {
        AwsServiceResponse response;
        try
        {
            var request = await ReadAsync(context).ConfigureAwait(false);
            response = await cloud.DispatchAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception error) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogTransportFailure(cloud.Logger, error, context.Request.Method, context.Request.Path);
            response = AwsServiceResponse.Text(500, "application/json",
                "{\"__type\":\"InternalFailure\",\"message\":\"The local cloud failed to serve the request.\"}");
        }

        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<AwsServiceRequest> ReadAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.ToString();
        }

        // The raw target keeps the path and query exactly as the client signed them.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{request.Path}{request.QueryString}";
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? string.Empty : target[(question + 1)..];
        return new AwsServiceRequest(request.Method, path, query, headers, body.ToArray());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to serve {Method} {Path}.")]
    private static partial void LogTransportFailure(ILogger logger, Exception error, string method, string path);
}
