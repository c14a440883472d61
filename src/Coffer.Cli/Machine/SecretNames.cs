namespace Coffer.Cli.Machine;

/// <summary>A secret found by its name (key) in a project: none or several is an error, and several are listed.</summary>
public static class SecretNames
{
    public static Guid Single(IReadOnlyList<Guid> found, string key, Guid project, string hint) => found.Count switch
    {
        0 => throw new CliException($"No secret named '{key}' in project {project}"),
        1 => found[0],
        _ => throw new CliException($"Multiple secrets with name: '{key}' in project {project}: {string.Join(", ", found)}. {hint}"),
    };
}
