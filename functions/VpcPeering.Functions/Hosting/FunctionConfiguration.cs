using VpcPeering.Requests;

namespace VpcPeering.Functions.Hosting;

/// <summary>Typed reads of the function's environment variables (template.yaml Globals and per-function Variables).</summary>
public sealed class FunctionConfiguration(IReadOnlyDictionary<string, string> variables)
{
    /// <summary>The region the function runs in (AWS_REGION), for STS.</summary>
    public string Region => Get("AWS_REGION") ?? Get("AWS_DEFAULT_REGION") ?? "us-east-1";

    public string TagPrefix => Get("TAG_PREFIX") ?? PeeringTagReader.DefaultPrefix;

    /// <summary>Ports opened on the accepter's default group when a request or tag names none.</summary>
    public IReadOnlyList<string> DefaultPorts => List("DEFAULT_PORTS") is { Count: > 0 } ports ? ports : ["tcp/443"];

    public string PeeringBusName => Get("PEERING_BUS_NAME") ?? "vpc-peering";

    /// <summary>The external id presented when assuming a partner's role and the request gives none.</summary>
    public string? ExternalId => Get("EXTERNAL_ID");

    /// <summary>Accepter allow-list of requester accounts; empty admits none.</summary>
    public IReadOnlyList<string> AllowedRequesterAccounts => List("ALLOWED_REQUESTER_ACCOUNTS");

    /// <summary>Accepter allow-list of requester CIDR ranges; empty admits any.</summary>
    public IReadOnlyList<string> AllowedRequesterCidrs => List("ALLOWED_REQUESTER_CIDRS");

    /// <summary>Whether Debug lines are written (LOG_LEVEL Trace or Debug).</summary>
    public bool LogsDebug => Get("LOG_LEVEL") is "Trace" or "Debug";

    private string? Get(string name) => variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private List<string> List(string name) =>
        [.. (Get(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
