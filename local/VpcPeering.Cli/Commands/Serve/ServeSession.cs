using LocalCloud;
using LocalCloud.Hosting;
using Microsoft.Extensions.Logging;
using StatesLanguage;
using VpcPeering.Cli.Local;
using VpcPeering.Cli.Workspace;

namespace VpcPeering.Cli.Commands.Serve;

/// <summary>
/// One run of the local cloud server: builds the cloud, restores <c>--state</c> or seeds <c>--topology</c>,
/// listens on 127.0.0.1, and on stop writes the state back. Tests drive it directly. With <c>--template</c> it serves the
/// whole <see cref="ProductCloud"/> (the stack deployed into each <c>--account</c>) and drives its virtual clock by wall time.
/// </summary>
internal sealed class ServeSession : IAsyncDisposable
{
    private readonly CloudServer _server;
    private readonly ILoggerFactory _logging;
    private readonly string? _statePath;
    private readonly CancellationTokenSource _stopClock = new();
    private Task _clockDriver = Task.CompletedTask;
    private bool _stopped;

    private ServeSession(
        EmulatedCloud cloud,
        CloudServer server,
        ILoggerFactory logging,
        string? statePath,
        bool restored,
        IReadOnlyList<SeededResource> seeded,
        ProductCloud? product = null)
    {
        Cloud = cloud;
        _server = server;
        _logging = logging;
        _statePath = statePath;
        Restored = restored;
        Seeded = seeded;
        Product = product;
    }

    /// <summary>The running cloud.</summary>
    public EmulatedCloud Cloud { get; }

    /// <summary>The endpoint to pass as <c>--endpoint-url</c>.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>True when the state came from the <c>--state</c> file.</summary>
    public bool Restored { get; }

    /// <summary>Ids created from the topology files, by name.</summary>
    public IReadOnlyList<SeededResource> Seeded { get; }

    /// <summary>The product cloud with its deployed stacks (<c>--template</c>), or null for the EC2/STS/IAM cloud.</summary>
    public ProductCloud? Product { get; }

    /// <summary>The deployed stacks as "name account/region" (empty without <c>--template</c>).</summary>
    public IReadOnlyList<string> Stacks => Product is null
        ? []
        : [.. Product.Assembly.Stacks.All.Select(s => $"{s.Identity.StackName} {s.Identity.AccountId}/{s.Identity.Region}")];

    public static async Task<ServeSession> StartAsync(
        ServeSettings settings, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        // Emulator failures go to stderr; the console output stays the endpoint and the seeded ids.
        var logging = LoggerFactory.Create(builder => builder
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter(level => level >= LogLevel.Warning));
        try
        {
            if (settings.Template is not null)
            {
                return await StartProductAsync(settings, time ?? TimeProvider.System, logging, cancellationToken);
            }

            var cloud = ServeCloud.Create(time ?? TimeProvider.System, logging.CreateLogger("LocalCloud"));
            var restored = false;
            if (settings.State is { } statePath && File.Exists(statePath))
            {
                await using var state = File.OpenRead(statePath);
                cloud.LoadState(state);
                restored = true;
            }

            var seeded = restored ? [] : ServeCloud.Seed(cloud, settings.Topology);
            var server = await CloudServer.StartAsync(cloud, settings.Port, cancellationToken);
            return new ServeSession(cloud, server, logging, settings.State, restored, seeded);
        }
        catch
        {
            logging.Dispose();
            throw;
        }
    }

    private static async Task<ServeSession> StartProductAsync(
        ServeSettings settings, TimeProvider wall, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        var template = Path.GetFullPath(settings.Template!);
        var product = ProductCloud.Create(
            new ProjectLayout(Path.GetDirectoryName(template)!),
            new ProductCloudOptions { TemplatePath = template, Start = wall.GetUtcNow(), Logger = logging.CreateLogger("LocalCloud") });
        try
        {
            var cloud = product.Assembly.Cloud;
            cloud.RequestLog.Capacity = 10_000;
            var restored = false;
            if (settings.State is { } statePath && File.Exists(statePath))
            {
                await using var state = File.OpenRead(statePath);
                cloud.LoadState(state);
                restored = true;
            }

            var seeded = restored ? [] : ServeCloud.Seed(cloud, settings.Topology);
            foreach (var account in settings.Account.Distinct(StringComparer.Ordinal))
            {
                product.Deploy(account, settings.Region, settings.Parameters);
            }

            var server = await CloudServer.StartAsync(cloud, settings.Port, cancellationToken);
            var session = new ServeSession(cloud, server, logging, settings.State, restored, seeded, product);
            var logger = logging.CreateLogger("LocalCloud.Clock");
            session._clockDriver = Task.Run(() => DriveClockAsync(product.Assembly.Clock, wall, logger, session._stopClock.Token));
            return session;
        }
        catch
        {
            product.Dispose();
            throw;
        }
    }

    // Every 50 ms the virtual clock moves by the wall time elapsed (Advance fires the timers due), so executions, waits, retries,
    // EC2 peering transitions and the sweep schedule run at wall speed; AutoAdvance stays off, as with the schedule it would race ahead.
    private static async Task DriveClockAsync(VirtualClock clock, TimeProvider wall, ILogger logger, CancellationToken stop)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(50), wall);
        var last = wall.GetTimestamp();
        try
        {
            while (await ticks.WaitForNextTickAsync(stop))
            {
                var now = wall.GetTimestamp();
                try
                {
                    clock.Advance(wall.GetElapsedTime(last, now));
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogWarning(error, "A timer on the virtual clock failed.");
                }

                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops listening, then writes the state file (through a temporary file, so a crash never leaves half a file).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _stopClock.CancelAsync();
        await _clockDriver;
        _stopClock.Dispose();
        await _server.DisposeAsync();
        _logging.Dispose();
        if (_statePath is not null)
        {
            var temporary = _statePath + ".tmp";
            await using (var file = File.Create(temporary))
            {
                Cloud.SaveState(file);
            }

            File.Move(temporary, _statePath, overwrite: true);
        }

        Product?.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

/// <summary>A resource a topology file created: the file, the resource's name in it, and the id (or role ARN) it got.</summary>
internal sealed record SeededResource(string File, string Name, string Id);
