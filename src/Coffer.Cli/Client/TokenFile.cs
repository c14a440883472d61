namespace Coffer.Cli.Client;

/// <summary>Where `coffer login` keeps the operator's token: ~/.config/coffer/token, readable by its owner only.</summary>
public static class TokenFile
{
    public static string Path => Machine.Home.Path(".config", "coffer", "token");

    public static string? Read() => File.Exists(Path) ? File.ReadAllText(Path).Trim() : null;

    public static void Write(string token)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path, token + "\n");
    }
}
