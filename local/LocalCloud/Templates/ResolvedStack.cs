namespace LocalCloud.Templates;

/// <summary>A template resolved for one stack: parameters chosen, conditions evaluated, SAM transformed, every value known.</summary>
/// <param name="Identity">Stack name, account and region.</param>
/// <param name="Parameters">Parameter values as given or defaulted (NoEcho values shown as <c>****</c>).</param>
/// <param name="Conditions">Every declared condition's value.</param>
/// <param name="Resources">The created resources in dependency order (a resource after everything it references).</param>
/// <param name="Outputs">Output name → value, for outputs whose condition holds.</param>
public sealed record ResolvedStack(
    StackIdentity Identity,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, bool> Conditions,
    IReadOnlyList<StackResource> Resources,
    IReadOnlyDictionary<string, string> Outputs)
{
    /// <summary>Export name → value for outputs with an Export.</summary>
    public IReadOnlyDictionary<string, string> Exports { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The resource with that logical id, or null (not declared, or its condition is false).</summary>
    public StackResource? Find(string logicalId) => Resources.FirstOrDefault(r => r.LogicalId == logicalId);

    /// <summary>The resource with that logical id and type; throws when there is none.</summary>
    public T Get<T>(string logicalId)
        where T : StackResource =>
        Find(logicalId) as T ?? throw new KeyNotFoundException($"Stack {Identity.StackName} has no {typeof(T).Name} '{logicalId}'.");

    /// <summary>Every resource of one kind, in dependency order.</summary>
    public IReadOnlyList<T> OfType<T>()
        where T : StackResource => [.. Resources.OfType<T>()];

    /// <summary>
    /// The function a name or ARN designates, including qualified ARNs (<c>…:function:NAME:live</c>) and aliases, or null.
    /// </summary>
    public FunctionResource? FindFunction(string nameOrArn)
    {
        var name = ResourceTypes.FunctionNameOf(nameOrArn);
        return OfType<FunctionResource>().FirstOrDefault(f => f.FunctionName == name);
    }
}
