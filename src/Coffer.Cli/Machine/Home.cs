namespace Coffer.Cli.Machine;

/// <summary>The user's home: $HOME when set (so scripts and tests can point it elsewhere), else the OS's idea of it.</summary>
public static class Home
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);
}
