using System.Net;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Configuration;

/// <summary>Everything the host needs to start, already validated.</summary>
public sealed record ServerSettings
{
    public ListenAddress? Http { get; init; }
    public ListenAddress? Https { get; init; }
    public TlsFiles? Tls { get; init; }
    public required StorageSettings Storage { get; init; }
    public required SealSettings Seal { get; init; }
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];
    public LogLevel LogLevel { get; init; } = LogLevel.Information;
    public DevSettings? Dev { get; init; }

    /// <summary>This deployment's name for the `site` query parameter.</summary>
    public string SiteName { get; init; } = "local";

    public TokenSettings Tokens { get; init; } = new();
}

public sealed record TlsFiles(string CertFile, string KeyFile);

public enum StorageKind { Sqlite, Postgres }

public sealed record StorageSettings(StorageKind Kind, string Target)
{
    public static StorageSettings Sqlite(string path) => new(StorageKind.Sqlite, path);
    public static StorageSettings Postgres(string connectionString) => new(StorageKind.Postgres, connectionString);
}

/// <summary>Shamir: operators unseal with key shares. Auto: the key file unwraps the root key at start.</summary>
public sealed record SealSettings(string? AutoKeyFile)
{
    public static SealSettings Shamir { get; } = new((string?)null);
    public bool IsAuto => AutoKeyFile is not null;
    public string Type => IsAuto ? "auto" : "shamir";
}

/// <summary>Dev mode: one data folder, auto-initialized with one share, auto-unsealed.</summary>
public sealed record DevSettings(string DataDir, Guid? RootToken);

public sealed record ListenAddress(IPAddress Address, int Port, string Text)
{
    public override string ToString() => Text;
}
