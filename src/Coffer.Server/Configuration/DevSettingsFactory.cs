namespace Coffer.Server.Configuration;

/// <summary>
/// `coffer server --dev`: everything lives in one data folder — the SQLite database, the key file that
/// auto-unseals it, and a self-signed CA with a server certificate for HTTPS.
/// </summary>
public static class DevSettingsFactory
{
    public const string DefaultDataDir = ".coffer";
    public const string DatabaseFile = "coffer.db";
    public const string UnsealKeyFile = "unseal.key";

    public static ServerSettings Create(string dataDir, ListenAddress? http, ListenAddress? https, Guid? rootToken)
    {
        var full = Path.GetFullPath(dataDir);
        return new ServerSettings
        {
            Storage = StorageSettings.Sqlite(Path.Combine(full, DatabaseFile)),
            Seal = new SealSettings(Path.Combine(full, UnsealKeyFile)),
            Http = http ?? Parse("127.0.0.1:8200"),
            Https = https ?? Parse("127.0.0.1:8201"),
            Dev = new DevSettings(full, rootToken),
        };
    }

    private static ListenAddress Parse(string text) =>
        ListenAddressParser.TryParse(text, out var address, out _) ? address : throw new InvalidOperationException(text);
}
