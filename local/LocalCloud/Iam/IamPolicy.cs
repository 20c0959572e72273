namespace LocalCloud.Iam;

/// <summary>A named identity policy attached to a role (inline or from a SAM policy template), as JSON text.</summary>
public sealed record IamPolicy(string Name, string Document);
