using System.Text.Json.Serialization;
using Tomlyn;
using Tomlyn.Serialization;

namespace Coffer.Cli.Machine;

/// <summary>
/// The bws TOML config file (default ~/.config/bws/config): named profiles with server_base, server_api,
/// server_identity, state_dir and state_opt_out. A profile is chosen by --profile, else the access token's
/// id, else "default"; --server-url skips the file entirely.
/// </summary>
public sealed class BwsConfig
{
    public Dictionary<string, BwsProfile> Profiles { get; set; } = [];

    public static readonly IReadOnlyList<string> Keys = ["server-base", "server-api", "server-identity", "state-dir", "state-opt-out"];

    public static string DefaultPath =>
        Home.Path(".config", "bws", "config");

    public static BwsConfig Load(string? file, bool mustExist)
    {
        var path = file ?? DefaultPath;
        if (!File.Exists(path)) return mustExist ? throw new CliException("Config file doesn't exist") : new BwsConfig();
        try
        {
            return TomlSerializer.Deserialize(File.ReadAllText(path), BwsTomlContext.Default.BwsConfig) ?? new BwsConfig();
        }
        catch (Exception e) when (e is TomlException or InvalidOperationException)
        {
            throw new CliException($"the config file {path} is not valid TOML: {e.Message.Split('\n')[0]}");
        }
    }

    public void Save(string? file)
    {
        var path = file ?? DefaultPath;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, TomlSerializer.Serialize(this, BwsTomlContext.Default.BwsConfig));
    }

    public BwsProfile? Select(string name, bool named)
    {
        if (Profiles.TryGetValue(name, out var profile)) return profile;
        if (named) throw new CliException("The specified profile does not exist");
        return Profiles.GetValueOrDefault("default");
    }
}

public sealed class BwsProfile
{
    [JsonPropertyName("server_base")] public string? ServerBase { get; set; }
    [JsonPropertyName("server_api")] public string? ServerApi { get; set; }
    [JsonPropertyName("server_identity")] public string? ServerIdentity { get; set; }
    [JsonPropertyName("state_dir")] public string? StateDir { get; set; }
    [JsonPropertyName("state_opt_out")] public string? StateOptOut { get; set; }

    [JsonIgnore]
    public string ApiUrl => ServerApi?.TrimEnd('/') ?? (ServerBase is { } b ? b.TrimEnd('/') + "/api" : throw new CliException("Profile has no `server_base` or `server_api`"));

    [JsonIgnore]
    public string IdentityUrl => ServerIdentity?.TrimEnd('/') ?? (ServerBase is { } b ? b.TrimEnd('/') + "/identity" : throw new CliException("Profile has no `server_base` or `server_identity`"));

    [JsonIgnore]
    public bool OptedOutOfState => StateOptOut?.Trim().ToLowerInvariant() is "true" or "1";

    public static BwsProfile FromUrl(string url) =>
        url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal)
            ? new BwsProfile { ServerBase = url.TrimEnd('/') }
            : throw new CliException($"'{url}' is not a valid URL");

    /// <summary>No profile: Bitwarden's US cloud, as bws does.</summary>
    public static BwsProfile Cloud { get; } = new() { ServerApi = "https://api.bitwarden.com", ServerIdentity = "https://identity.bitwarden.com" };
}

[TomlSerializable(typeof(BwsConfig))]
[TomlSerializable(typeof(BwsProfile))]
[TomlSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = TomlIgnoreCondition.WhenWritingNull)]
internal sealed partial class BwsTomlContext : TomlSerializerContext;
