using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalCloud.Tests.Support;

/// <summary>
/// Drives the real awscli against loopback endpoints, isolated from any user configuration. Commands run through
/// awscli's own driver (<c>awscli.clidriver</c>, what the <c>aws</c> script calls) in one long-lived Python process
/// that keeps botocore's model loader between commands, because starting Python and parsing the EC2 model per command
/// costs seconds on a loaded machine; without that module each command starts <c>aws</c>. Share one per test class.
/// </summary>
public sealed class AwsCli : IAsyncLifetime
{
    private const string Driver = """
        import contextlib, io, json, os, sys
        from awscli.clidriver import create_clidriver
        base = dict(os.environ)
        loader = None
        sys.__stdout__.write("ready\n")
        sys.__stdout__.flush()
        for line in sys.stdin:
            request = json.loads(line)
            os.environ.clear()
            os.environ.update(base)
            os.environ.update(request["env"])
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    driver = create_clidriver()
                    if loader is None:
                        loader = driver.session.get_component("data_loader")
                    else:
                        driver.session.register_component("data_loader", loader)
                    code = driver.main(request["args"])
                except SystemExit as exit:
                    code = exit.code if isinstance(exit.code, int) else 1
            sys.__stdout__.write(json.dumps({"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()}) + "\n")
            sys.__stdout__.flush()
        """;

    private Process? _driver;

    public static string? Executable { get; } = Find();

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("python3", ["-c", Driver])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Isolate(start.Environment);
        try
        {
            var driver = Process.Start(start)!;
            if (await driver.StandardOutput.ReadLineAsync() == "ready")
            {
                _driver = driver;
                return;
            }

            driver.Dispose();
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        Uri endpoint, AwsCliCredentials credentials, string region, params string[] arguments)
    {
        string[] args = [.. arguments, "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json"];
        var env = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = credentials.SessionToken ?? string.Empty,
            ["AWS_DEFAULT_REGION"] = region,
        };
        if (credentials.SessionToken is null)
        {
            env.Remove("AWS_SESSION_TOKEN");
        }

        return _driver is null ? await RunProcessAsync(env, args) : await RunInDriverAsync(env, args);
    }

    public async Task<JsonNode> JsonAsync(Uri endpoint, AwsCliCredentials credentials, string region, params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await RunAsync(endpoint, credentials, region, arguments);
        Assert.True(exitCode == 0, $"aws {string.Join(' ', arguments)} failed ({exitCode}): {stderr}");
        return JsonNode.Parse(stdout)!;
    }

    public async Task DisposeAsync()
    {
        if (_driver is not null)
        {
            _driver.StandardInput.Close();
            await _driver.WaitForExitAsync();
            _driver.Dispose();
        }
    }

    private async Task<(int, string, string)> RunInDriverAsync(Dictionary<string, string> env, string[] args)
    {
        var request = JsonSerializer.Serialize(new { env, args });
        await _driver!.StandardInput.WriteLineAsync(request);
        await _driver.StandardInput.FlushAsync();
        var line = await _driver.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The awscli driver exited.");
        var result = JsonNode.Parse(line)!;
        return ((int)result["exit"]!, (string)result["stdout"]!, (string)result["stderr"]!);
    }

    private static async Task<(int, string, string)> RunProcessAsync(Dictionary<string, string> env, string[] args)
    {
        var start = new ProcessStartInfo(Executable!, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        Isolate(start.Environment);
        foreach (var (name, value) in env)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    private static void Isolate(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            environment.Remove(name);
        }

        environment["AWS_CONFIG_FILE"] = "/dev/null";
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        environment["AWS_MAX_ATTEMPTS"] = "1";
        environment["AWS_RETRY_MODE"] = "standard";
        environment["AWS_PAGER"] = string.Empty;
        environment["AWS_EC2_METADATA_DISABLED"] = "true";
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
        .Select(directory => Path.Combine(directory, "aws"))
        .FirstOrDefault(File.Exists);
}

/// <summary>Credentials handed to awscli through its environment variables.</summary>
public sealed record AwsCliCredentials(string AccessKeyId, string SecretAccessKey = "test", string? SessionToken = null);

/// <summary>A fact that is skipped, with the reason, where awscli is not installed.</summary>
internal sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Executable is null)
        {
            Skip = "awscli ('aws') is not on PATH: install awscli to run the loopback test against the Kestrel server.";
        }
    }
}
