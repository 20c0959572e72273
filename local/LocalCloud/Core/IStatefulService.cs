namespace LocalCloud.Core;

/// <summary>
/// A part of the cloud whose state survives a restart (<c>vpc-peering serve --state FILE</c>):
/// it writes everything it holds and can replace its state with what it wrote.
/// </summary>
public interface IStatefulService
{
    /// <summary>The key of this part in the state file (<c>iam</c>, <c>ec2</c>, …).</summary>
    string StateName { get; }

    /// <summary>Writes the whole state as one JSON value (the cloud nests it in its state file).</summary>
    void Export(Stream destination);

    /// <summary>Replaces the whole state with one written by <see cref="Export"/>.</summary>
    void Import(Stream source);
}

/// <summary>Adapts export/import methods (for example <c>Ec2Model.Export</c>/<c>Import</c>) to <see cref="IStatefulService"/>.</summary>
/// <param name="StateName">The key in the state file.</param>
/// <param name="ExportTo">Writes the state.</param>
/// <param name="ImportFrom">Reads the state.</param>
public sealed record StatefulService(string StateName, Action<Stream> ExportTo, Action<Stream> ImportFrom) : IStatefulService
{
    /// <inheritdoc />
    public void Export(Stream destination) => ExportTo(destination);

    /// <inheritdoc />
    public void Import(Stream source) => ImportFrom(source);
}
