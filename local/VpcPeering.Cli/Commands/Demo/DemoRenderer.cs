using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using VpcPeering.Cli.Output;
using VpcPeering.Network;

namespace VpcPeering.Cli.Commands.Demo;

/// <summary>Shows a demo outcome: tables on a terminal (plain text when redirected), or JSON for scripts.</summary>
internal static class DemoRenderer
{
    /// <summary>Shows the outcome as JSON or tables; the exit code says whether it ended as promised.</summary>
    public static int Report(IAnsiConsole console, DemoOutcome outcome, bool json)
    {
        if (json)
        {
            JsonOutput.Write(console, ToJson(outcome));
        }
        else
        {
            Render(console, outcome);
        }

        return outcome.Succeeded ? 0 : 1;
    }

    public static void Render(IAnsiConsole console, DemoOutcome outcome)
    {
        var network = outcome.Network;
        var snapshot = network.Snapshot;
        var peering = snapshot.Peering;
        console.WriteLine();
        console.Write(new Rule("[bold]Result[/]").LeftJustified());
        if (outcome.Status == "SUCCEEDED")
        {
            console.MarkupLineInterpolated($"Peering workflow [green]{outcome.Status}[/]");
        }
        else
        {
            console.MarkupLineInterpolated($"Peering workflow [red]{outcome.Status}[/]: {outcome.Error} — {outcome.Cause}");
        }

        if (peering is null)
        {
            console.MarkupLine("Peering connection: none");
        }
        else
        {
            console.MarkupLineInterpolated(
                $"Peering connection [bold]{peering.PeeringConnectionId}[/] {peering.StatusCode}: {peering.Requester.AccountId}/{peering.Requester.Region}/{peering.Requester.VpcId} ⇄ {peering.Accepter.AccountId}/{peering.Accepter.Region}/{peering.Accepter.VpcId}");
            console.MarkupLineInterpolated(
                $"DNS resolution of the remote VPC: requester {OnOff(peering.Requester.AllowDnsResolutionFromRemoteVpc)}, accepter {OnOff(peering.Accepter.AllowDnsResolutionFromRemoteVpc)}");
        }

        var changes = new Table().Border(TableBorder.Simple).Title("Changes in both VPCs").AddColumns("side", "kind", "where", "what");
        foreach (var (side, vpc, peer) in new[] { ("requester", snapshot.Requester, snapshot.Accepter), ("accepter", snapshot.Accepter, snapshot.Requester) })
        {
            foreach (var (table, route) in NetworkReport.PeeringRoutes(vpc, peering?.PeeringConnectionId))
            {
                changes.AddRow(side, "route", table.RouteTableId, Markup.Escape($"{route.DestinationCidr} -> {route.Target.Id} ({route.State})"));
            }

            foreach (var (group, rule) in NetworkReport.RulesForPeer(vpc, peer))
            {
                changes.AddRow(side, "sg ingress", Markup.Escape($"{group.GroupId} {group.GroupName}"),
                    Markup.Escape($"{rule.PortText} from {string.Join(", ", rule.Peers)}"));
            }

            foreach (var (acl, entry) in NetworkReport.AclEntriesForPeer(vpc, peer))
            {
                changes.AddRow(side, "nacl", acl.NetworkAclId,
                    Markup.Escape($"{(entry.Egress ? "out" : "in")} #{entry.RuleNumber} {entry.Action} {entry.Protocol} {PortText(entry)} {entry.Cidr}"));
            }
        }

        console.Write(changes);

        var ports = network.RequestedPorts;
        var matrix = new Table().Border(TableBorder.Simple)
            .Title("Connectivity: static reachability of each flow and its replies")
            .AddColumns("from subnet", "to subnet");
        foreach (var port in ports)
        {
            matrix.AddColumn(port);
        }

        foreach (var flow in network.Connectivity.GroupBy(r => (r.Source.SubnetId, r.Destination.SubnetId)))
        {
            var cells = new List<string>
            {
                Markup.Escape(SubnetLabel(snapshot, flow.Key.Item1)),
                Markup.Escape(SubnetLabel(snapshot, flow.Key.Item2)),
            };
            cells.AddRange(flow.Select(r => r.Verdict.IsReachable
                ? "[green]✔[/]"
                : $"[red]✘[/] {Markup.Escape(r.Verdict.Explanation)}"));
            matrix.AddRow([.. cells]);
        }

        console.Write(matrix);
        var promised = network.Promised;
        console.MarkupLineInterpolated(
            $"Requester → accepter on {string.Join(", ", network.RequestedPorts)}: {promised.Count(r => r.Verdict.IsReachable)}/{promised.Count} flows reachable (replies included).");
        console.MarkupLineInterpolated(
            $"[grey]{outcome.StateTransitions} state transitions, {outcome.LambdaInvocations} Lambda invocations, {outcome.Ec2Calls} EC2 calls by the functions ({outcome.Ec2Mutations} changes); virtual time {outcome.VirtualTime:hh\\:mm\\:ss}, wall time {outcome.WallTime.TotalSeconds:0.00} s[/]");
        if (outcome.Succeeded)
        {
            console.MarkupLine(outcome.Scenario.ExpectedError is null
                ? "[green bold]✔ peered, configured and reachable[/]"
                : "[green bold]✔ failed as expected and rolled back: nothing left behind[/]");
        }
        else
        {
            console.MarkupLine("[red bold]✘ the demo did not end as promised[/]");
        }
    }

    public static JsonObject ToJson(DemoOutcome outcome)
    {
        var snapshot = outcome.Network.Snapshot;
        var peering = snapshot.Peering;
        return new JsonObject
        {
            ["scenario"] = outcome.Scenario.Name,
            ["succeeded"] = outcome.Succeeded,
            ["status"] = outcome.Status,
            ["error"] = outcome.Error,
            ["cause"] = outcome.Cause,
            ["path"] = new JsonArray([.. (outcome.Peering?.StatesEntered() ?? []).Select(s => (JsonNode)s)]),
            ["peering"] = peering is null ? null : new JsonObject
            {
                ["id"] = peering.PeeringConnectionId,
                ["status"] = peering.StatusCode,
                ["requesterVpc"] = peering.Requester.VpcId,
                ["accepterVpc"] = peering.Accepter.VpcId,
                ["requesterAllowsDns"] = peering.Requester.AllowDnsResolutionFromRemoteVpc,
                ["accepterAllowsDns"] = peering.Accepter.AllowDnsResolutionFromRemoteVpc,
            },
            ["routes"] = new JsonArray([.. new[] { snapshot.Requester, snapshot.Accepter }
                .SelectMany(vpc => NetworkReport.PeeringRoutes(vpc, peering?.PeeringConnectionId))
                .Select(r => (JsonNode)new JsonObject { ["routeTableId"] = r.Table.RouteTableId, ["destination"] = r.Route.DestinationCidr, ["state"] = r.Route.State.ToString() })]),
            ["connectivity"] = new JsonArray([.. outcome.Network.Connectivity.Select(r => (JsonNode)new JsonObject
            {
                ["from"] = r.Source.SubnetId,
                ["to"] = r.Destination.SubnetId,
                ["traffic"] = r.Traffic.ToString(),
                ["reachable"] = r.Verdict.IsReachable,
                ["explanation"] = r.Verdict.Explanation,
            })]),
            ["measurements"] = new JsonObject
            {
                ["wallSeconds"] = Math.Round(outcome.WallTime.TotalSeconds, 3),
                ["virtualSeconds"] = outcome.VirtualTime.TotalSeconds,
                ["stateTransitions"] = outcome.StateTransitions,
                ["lambdaInvocations"] = outcome.LambdaInvocations,
                ["ec2Calls"] = outcome.Ec2Calls,
                ["ec2Mutations"] = outcome.Ec2Mutations,
            },
        };
    }

    private static string OnOff(bool value) => value ? "on" : "off";

    private static string PortText(NetworkAclEntry entry) =>
        entry.FromPort is null ? string.Empty : entry.FromPort == entry.ToPort
            ? entry.FromPort.Value.ToString(CultureInfo.InvariantCulture)
            : $"{entry.FromPort}-{entry.ToPort}";

    private static string SubnetLabel(NetworkSnapshot snapshot, string subnetId)
    {
        var subnet = snapshot.Requester.Subnets.Concat(snapshot.Accepter.Subnets).FirstOrDefault(s => s.SubnetId == subnetId);
        return subnet is null ? subnetId : $"{subnetId} {subnet.Ipv4Cidr}";
    }
}
