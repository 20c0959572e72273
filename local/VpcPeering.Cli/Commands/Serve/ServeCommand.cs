using System.ComponentModel;
using System.Runtime.InteropServices;
using LocalCloud.Templates;
using LocalCloud.Topology;
using Spectre.Console;
using Spectre.Console.Cli;

namespace VpcPeering.Cli.Commands.Serve;

/// <summary>
/// <c>vpc-peering serve</c>: runs the emulated AWS cloud on 127.0.0.1 for awscli and SDKs until Ctrl-C
/// (or until the command's cancellation token fires), printing the endpoint and the seeded ids.
/// </summary>
[Description("Run the emulated AWS cloud (EC2, STS, …; with --template also Lambda, Step Functions, EventBridge) on 127.0.0.1 for awscli and SDKs until Ctrl-C.")]
internal sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));

        ServeSession session;
        try
        {
            session = await ServeSession.StartAsync(settings, cancellationToken: CancellationToken.None);
        }
        catch (Exception error) when (error is TopologyException or TemplateException or IOException or InvalidDataException or System.Text.Json.JsonException)
        {
            console.MarkupLine($"[red]Cannot start the local cloud:[/] {Markup.Escape(error.Message)}");
            return 1;
        }

        try
        {
            Print(session, settings);
            await WaitAsync(stop.Token);
        }
        finally
        {
            await session.StopAsync();
        }

        console.MarkupLine(settings.State is null
            ? "[grey]Stopped.[/]"
            : $"[grey]Stopped; state written to[/] {Markup.Escape(settings.State)}");
        return 0;
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stop)
    {
        signal.Cancel = true;
        stop.Cancel();
    }

    private static async Task WaitAsync(CancellationToken token)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = token.Register(() => stopped.TrySetResult());
        await stopped.Task;
    }

    private void Print(ServeSession session, ServeSettings settings)
    {
        var endpoint = session.Endpoint.ToString().TrimEnd('/');
        console.MarkupLine($"[green]Local cloud listening on[/] [bold]{endpoint}[/]");
        console.MarkupLine($"[grey]Services:[/] {string.Join(", ", session.Cloud.Services.Keys.Order(StringComparer.Ordinal))}");
        console.MarkupLine("[grey]Credentials: access key id = a 12-digit account id, secret = test. For example:[/]");
        console.WriteLine("  export AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=test");
        console.WriteLine($"  aws --endpoint-url {endpoint} --region us-east-1 sts get-caller-identity");
        if (session.Stacks.Count > 0)
        {
            console.MarkupLine($"[grey]Stacks deployed:[/] {Markup.Escape(string.Join(", ", session.Stacks))}");
            console.WriteLine($"  aws --endpoint-url {endpoint} --region {settings.Region} stepfunctions list-state-machines");
        }
        if (session.Restored)
        {
            console.MarkupLine($"[grey]State restored from[/] {Markup.Escape(settings.State!)}");
        }

        if (session.Seeded.Count > 0)
        {
            var table = new Table().AddColumns("Topology", "Name", "Id");
            foreach (var resource in session.Seeded)
            {
                table.AddRow(Markup.Escape(resource.File), Markup.Escape(resource.Name), Markup.Escape(resource.Id));
            }

            console.Write(table);
        }

        console.MarkupLine("[grey]Press Ctrl-C to stop.[/]");
    }
}
