namespace VpcPeering.Requests.Json;

/// <summary>
/// One grant: exactly one of <see cref="GroupIds"/>, <see cref="Tags"/> or <see cref="DefaultGroup"/>. With a
/// <see cref="Protocol"/>, <see cref="Ports"/> holds bare ports (<c>443</c>, <c>8000-8100</c>); without, full specs (<c>tcp/443</c>).
/// </summary>
public sealed record SecurityGroupGrantDocument(
    string? Side = null,
    IReadOnlyList<string>? GroupIds = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    bool? DefaultGroup = null,
    string? Protocol = null,
    IReadOnlyList<string>? Ports = null,
    IReadOnlyList<string>? PeerGroupIds = null,
    string? Description = null);
