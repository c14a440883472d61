using System.CommandLine;

namespace Coffer.Cli.Machine;

/// <summary>The options of `bws`, with its environment variables (COFFER_ACCESS_TOKEN works too).</summary>
public static class MachineOptions
{
    public static readonly Option<string?> AccessToken = new("--access-token", "-t")
    {
        Description = "Access token of the machine account [env: BWS_ACCESS_TOKEN, COFFER_ACCESS_TOKEN]", Recursive = true,
    };

    public static readonly Option<string?> ServerUrl = new("--server-url", "-u")
    {
        Description = "Override the server URL from the config file [env: BWS_SERVER_URL]", Recursive = true,
    };

    public static readonly Option<string?> ConfigFile = new("--config-file", "-f")
    {
        Description = "[default: ~/.config/bws/config] Config file to use [env: BWS_CONFIG_FILE]", Recursive = true,
    };

    public static readonly Option<string?> Profile = new("--profile", "-p")
    {
        Description = "Profile to use from the config file [env: BWS_PROFILE]", Recursive = true,
    };

    public static readonly Option<string> Color = new("--color", "-c")
    {
        Description = "Use colors in the output (no, yes, auto): accepted as bws takes it, and ignored — coffer never colors its output", Recursive = true, DefaultValueFactory = _ => "auto",
    };

    static MachineOptions() => Color.AcceptOnlyFromAmong("no", "yes", "auto");

    public static void AddTo(Command root)
    {
        root.Options.Add(AccessToken);
        root.Options.Add(ServerUrl);
        root.Options.Add(ConfigFile);
        root.Options.Add(Profile);
        root.Options.Add(Color);
    }

    public static string? Token(ParseResult parse) =>
        parse.GetValue(AccessToken) ?? Env("BWS_ACCESS_TOKEN") ?? Env("COFFER_ACCESS_TOKEN");

    public static string? Server(ParseResult parse) => parse.GetValue(ServerUrl) ?? Env("BWS_SERVER_URL");

    public static string? Config(ParseResult parse) => parse.GetValue(ConfigFile) ?? Env("BWS_CONFIG_FILE");

    public static string? ProfileName(ParseResult parse) => parse.GetValue(Profile) ?? Env("BWS_PROFILE");

    public static string Format(ParseResult parse) => parse.GetValue(Coffer.Cli.GlobalOptions.Output) ?? "json";

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
