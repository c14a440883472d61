using System.Net;
using Coffer.Core.Durations;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Configuration;

/// <summary>
/// Builds <see cref="ServerSettings"/> from a YAML file, COFFER_* environment variables and command-line
/// flags (later sources win). Every known setting has one dotted path; its environment variable is
/// COFFER_ + the path upper-cased with '.' and '-' turned into '_'. Unknown or invalid settings stop
/// the start with a message naming the setting.
/// </summary>
public static class SettingsLoader
{
    public static readonly IReadOnlyList<string> KnownPaths =
    [
        "listen.http", "listen.https", "tls.cert-file", "tls.key-file",
        "storage.sqlite.path", "storage.postgres.connection-string",
        "seal", "seal.shamir", "seal.auto.key-file", "trusted-proxies", "log-level",
        "site.name", "tokens.default-ttl", "tokens.max-ttl",
    ];

    public static string EnvironmentName(string path) =>
        "COFFER_" + path.Replace('.', '_').Replace('-', '_').ToUpperInvariant();

    public static ServerSettings Load(string? configFile, IReadOnlyDictionary<string, string?> environment, IEnumerable<RawSetting> flags)
    {
        var raw = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        if (configFile is not null)
            foreach (var setting in YamlSettingsReader.Read(configFile))
            {
                if (!KnownPaths.Contains(setting.Path))
                    throw new SettingsException($"{setting.Origin}: unknown setting '{setting.Path}'; known settings: {string.Join(", ", KnownPaths)}");
                raw[setting.Path] = setting;
            }
        foreach (var path in KnownPaths)
            if (environment.TryGetValue(EnvironmentName(path), out var value) && value is not null)
                raw[path] = new RawSetting(path, value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), $"{EnvironmentName(path)} ({path})", false);
        foreach (var flag in flags) raw[flag.Path] = flag;
        return Build(raw);
    }

    private static ServerSettings Build(Dictionary<string, RawSetting> raw)
    {
        string? Get(string path) => raw.TryGetValue(path, out var s) ? s.Value : null;
        var settings = new ServerSettings { Storage = BuildStorage(raw), Seal = BuildSeal(raw) };
        settings = settings with
        {
            Http = ParseListen(raw, "listen.http"),
            Https = ParseListen(raw, "listen.https"),
            Tls = BuildTls(raw),
            TrustedProxies = ParseProxies(raw),
            LogLevel = Get("log-level") is { } level ? ParseLogLevel(raw["log-level"], level) : LogLevel.Information,
            SiteName = Get("site.name") is { Length: > 0 } site ? site : "local",
            Tokens = new TokenSettings
            {
                DefaultTtl = ParseDuration(raw, "tokens.default-ttl") ?? TokenSettings.ThirtyTwoDays,
                MaxTtl = ParseDuration(raw, "tokens.max-ttl") ?? TokenSettings.ThirtyTwoDays,
            },
        };
        if (settings.Tokens.DefaultTtl > settings.Tokens.MaxTtl)
            throw new SettingsException($"tokens.default-ttl ({Duration.Format(settings.Tokens.DefaultTtl)}) cannot be longer than tokens.max-ttl ({Duration.Format(settings.Tokens.MaxTtl)})");
        if (settings.Https is not null && settings.Tls is null)
            throw new SettingsException($"{raw["listen.https"].Origin}: an HTTPS listener needs tls.cert-file and tls.key-file");
        if (settings.Http is null && settings.Https is null)
            settings = settings with { Http = new ListenAddress(IPAddress.Loopback, 8200, "127.0.0.1:8200") };
        return settings;
    }

    private static StorageSettings BuildStorage(Dictionary<string, RawSetting> raw)
    {
        var sqlite = raw.GetValueOrDefault("storage.sqlite.path");
        var postgres = raw.GetValueOrDefault("storage.postgres.connection-string");
        if (sqlite is not null && postgres is not null)
            throw new SettingsException($"{sqlite.Origin} and {postgres.Origin}: choose one storage, SQLite or PostgreSQL");
        if (sqlite is { Value: var path } && path.Length > 0)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return Directory.Exists(directory) ? StorageSettings.Sqlite(path)
                : throw new SettingsException($"{sqlite.Origin}: the folder {directory} does not exist");
        }
        if (postgres is { Value: var cs } && cs.Length > 0) return StorageSettings.Postgres(cs);
        throw new SettingsException("no storage is configured: set storage.sqlite.path or storage.postgres.connection-string " +
            "(in the config file, or COFFER_STORAGE_SQLITE_PATH / COFFER_STORAGE_POSTGRES_CONNECTION_STRING), or start with --dev");
    }

    private static SealSettings BuildSeal(Dictionary<string, RawSetting> raw)
    {
        var keyFile = raw.GetValueOrDefault("seal.auto.key-file");
        var type = raw.GetValueOrDefault("seal");
        if (type is not null && type.Value is not ("shamir" or ""))
            throw new SettingsException($"{type.Origin}: '{type.Value}' is not a seal type; use 'shamir', or 'auto' with seal.auto.key-file");
        if (keyFile is null) return SealSettings.Shamir;
        if (raw.ContainsKey("seal.shamir") || type is { Value: "shamir" })
            throw new SettingsException($"{keyFile.Origin}: choose one seal, shamir or auto");
        return File.Exists(keyFile.Value) ? new SealSettings(keyFile.Value)
            : throw new SettingsException($"{keyFile.Origin}: key file {keyFile.Value} does not exist; create one with: head -c 32 /dev/urandom | base64 > {keyFile.Value}");
    }

    private static TlsFiles? BuildTls(Dictionary<string, RawSetting> raw)
    {
        var cert = raw.GetValueOrDefault("tls.cert-file");
        var key = raw.GetValueOrDefault("tls.key-file");
        if (cert is null && key is null) return null;
        if (cert is null || key is null)
            throw new SettingsException($"{(cert ?? key)!.Origin}: set both tls.cert-file and tls.key-file");
        foreach (var file in new[] { cert, key })
            if (!File.Exists(file.Value)) throw new SettingsException($"{file.Origin}: {file.Value} does not exist");
        return new TlsFiles(cert.Value, key.Value);
    }

    private static ListenAddress? ParseListen(Dictionary<string, RawSetting> raw, string path)
    {
        if (!raw.TryGetValue(path, out var setting) || setting.Value.Length == 0) return null;
        return ListenAddressParser.TryParse(setting.Value, out var address, out var error) ? address
            : throw new SettingsException($"{setting.Origin}: {error}");
    }

    private static IReadOnlyList<IPNetwork> ParseProxies(Dictionary<string, RawSetting> raw)
    {
        if (!raw.TryGetValue("trusted-proxies", out var setting)) return [];
        return setting.Values.Select(v => IPNetwork.TryParse(v.Contains('/') ? v : v + (v.Contains(':') ? "/128" : "/32"), out var network)
            ? network
            : throw new SettingsException($"{setting.Origin}: '{v}' is not an address or CIDR block (for example 10.0.0.0/8)")).ToList();
    }

    private static TimeSpan? ParseDuration(Dictionary<string, RawSetting> raw, string path)
    {
        if (!raw.TryGetValue(path, out var setting)) return null;
        if (!Duration.TryParse(setting.Value, out var value, out var error)) throw new SettingsException($"{setting.Origin}: {error}");
        return value > TimeSpan.Zero ? value : throw new SettingsException($"{setting.Origin}: must be longer than 0s");
    }

    private static LogLevel ParseLogLevel(RawSetting setting, string value) => value.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "critical" => LogLevel.Critical,
        "none" => LogLevel.None,
        _ => throw new SettingsException($"{setting.Origin}: '{value}' is not a log level; use trace, debug, info, warn, error, critical or none"),
    };
}
