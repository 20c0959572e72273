using LocalCloud;
using LocalCloud.Hosting;
using Microsoft.Extensions.Logging;

namespace VpcPeering.Cli.Commands.Serve;

/// <summary>
/// One run of the local cloud server: builds the cloud, restores <c>--state</c> or seeds <c>--topology</c>,
/// listens on 127.0.0.1, and on stop writes the state back. Tests drive it directly.
/// </summary>
internal sealed class ServeSession : IAsyncDisposable
{
    private readonly CloudServer _server;
    private readonly ILoggerFactory _logging;
    private readonly string? _statePath;
    private bool _stopped;

    private ServeSession(
        EmulatedCloud cloud,
        CloudServer server,
        ILoggerFactory logging,
        string? statePath,
        bool restored,
        IReadOnlyList<SeededResource> seeded)
    {
        Cloud = cloud;
        _server = server;
        _logging = logging;
        _statePath = statePath;
        Restored = restored;
        Seeded = seeded;
    }

    /// <summary>The running cloud.</summary>
    public EmulatedCloud Cloud { get; }

    /// <summary>The endpoint to pass as <c>--endpoint-url</c>.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>True when the state came from the <c>--state</c> file.</summary>
    public bool Restored { get; }

    /// <summary>Ids created from the topology files, by name.</summary>
    public IReadOnlyList<SeededResource> Seeded { get; }

    public static async Task<ServeSession> StartAsync(
        ServeSettings settings, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        // Emulator failures go to stderr; the console output stays the endpoint and the seeded ids.
        var logging = LoggerFactory.Create(builder => builder
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter(level => level >= LogLevel.Warning));
        try
        {
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

    /// <summary>Stops listening, then writes the state file (through a temporary file, so a crash never leaves half a file).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
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
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}

/// <summary>A resource a topology file created: the file, the resource's name in it, and the id (or role ARN) it got.</summary>
internal sealed record SeededResource(string File, string Name, string Id);
