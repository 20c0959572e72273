namespace VpcPeering.Cli.Workspace;

/// <summary>Where the project's files live: found by walking up from a start folder to the one holding template.yaml.</summary>
internal sealed record ProjectLayout(string Root)
{
    public string Template => Path.Combine(Root, "template.yaml");

    public string SamConfig => Path.Combine(Root, "samconfig.toml");

    public string StateMachines => Path.Combine(Root, "statemachine");

    public string Examples => Path.Combine(Root, "examples");

    public string RequestSchema => Path.Combine(Root, "schemas", "peering-request.schema.json");

    public string Example(string fileName) => Path.Combine(Examples, fileName);

    /// <summary>The layout around <paramref name="start"/> (the current directory by default), then around the CLI binary.</summary>
    public static ProjectLayout Find(string? start = null)
    {
        foreach (var origin in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(origin); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "template.yaml")) && Directory.Exists(Path.Combine(folder.FullName, "statemachine")))
                {
                    return new ProjectLayout(folder.FullName);
                }
            }
        }

        throw new Output.CliException(
            "Could not find the project (a folder with template.yaml and statemachine/).",
            "Run vpc-peering from the repository, or pass --root PATH.");
    }
}
