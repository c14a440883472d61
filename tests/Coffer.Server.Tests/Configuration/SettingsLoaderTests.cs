using Coffer.Server.Configuration;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Configuration;

public sealed class SettingsLoaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coffer-settings-").FullName;

    private string Config(string yaml)
    {
        var file = Path.Combine(_folder, "coffer.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    private static ServerSettings Load(string? file, params (string Name, string Value)[] environment) =>
        SettingsLoader.Load(file, environment.ToDictionary(e => e.Name, e => (string?)e.Value), []);

    [Fact]
    public void A_full_config_file_is_read()
    {
        var key = Path.Combine(_folder, "unseal.key");
        File.WriteAllText(key, Convert.ToBase64String(new byte[32]));
        var settings = Load(Config($"""
            listen:
              http: 0.0.0.0:9200
            storage:
              sqlite: {"{"} path: {_folder}/coffer.db {"}"}
            seal:
              auto: {"{"} key-file: {key} {"}"}
            trusted-proxies: [10.0.0.0/8, 192.168.1.5]
            log-level: warn
            """));

        Assert.Equal("0.0.0.0:9200", settings.Http!.Text);
        Assert.Equal(StorageKind.Sqlite, settings.Storage.Kind);
        Assert.Equal(key, settings.Seal.AutoKeyFile);
        Assert.Equal(["10.0.0.0/8", "192.168.1.5/32"], settings.TrustedProxies.Select(p => p.ToString()));
        Assert.Equal(LogLevel.Warning, settings.LogLevel);
    }

    [Fact]
    public void An_unknown_setting_is_named_with_its_line()
    {
        var error = Assert.Throws<SettingsException>(() => Load(Config("storage:\n  sqlit:\n    path: /tmp/x.db\n")));

        Assert.Contains("unknown setting 'storage.sqlit.path'", error.Message);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Environment_variables_set_and_override_settings()
    {
        var file = Config($"storage:\n  sqlite:\n    path: {_folder}/a.db\nlisten:\n  http: 127.0.0.1:1\n");

        var settings = Load(file, ("COFFER_LISTEN_HTTP", "127.0.0.1:2"), ("COFFER_LOG_LEVEL", "debug"));

        Assert.Equal(2, settings.Http!.Port);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
    }

    [Fact]
    public void Storage_can_come_from_the_environment_alone()
    {
        var settings = Load(null, ("COFFER_STORAGE_POSTGRES_CONNECTION_STRING", "Host=db;Database=coffer"));

        Assert.Equal(StorageKind.Postgres, settings.Storage.Kind);
        Assert.Equal(8200, settings.Http!.Port);
    }

    [Theory]
    [InlineData("listen:\n  http: nowhere\n", "listen.http", "is not ADDR:PORT")]
    [InlineData("listen:\n  http: 127.0.0.1:70000\n", "listen.http", "above 65535")]
    [InlineData("listen:\n  https: 127.0.0.1:8201\n", "listen.https", "needs tls.cert-file")]
    [InlineData("trusted-proxies: [10.0.0.0/99]\n", "trusted-proxies", "'10.0.0.0/99'")]
    [InlineData("log-level: loud\n", "log-level", "not a log level")]
    [InlineData("seal: magic\n", "seal", "not a seal type")]
    [InlineData("seal:\n  auto:\n    key-file: /nonexistent/key\n", "seal.auto.key-file", "does not exist")]
    public void An_invalid_setting_names_itself(string yaml, string setting, string reason)
    {
        var error = Assert.Throws<SettingsException>(() => Load(Config($"storage:\n  sqlite:\n    path: {_folder}/c.db\n" + yaml)));

        Assert.Contains(setting, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Two_storages_or_none_are_refused()
    {
        var both = Assert.Throws<SettingsException>(() => Load(Config($"storage:\n  sqlite:\n    path: {_folder}/c.db\n  postgres:\n    connection-string: Host=x\n")));
        var none = Assert.Throws<SettingsException>(() => Load(null));

        Assert.Contains("choose one storage", both.Message);
        Assert.Contains("COFFER_STORAGE_SQLITE_PATH", none.Message);
    }

    [Fact]
    public void The_environment_variable_name_follows_the_setting_path() =>
        Assert.Equal("COFFER_STORAGE_POSTGRES_CONNECTION_STRING", SettingsLoader.EnvironmentName("storage.postgres.connection-string"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
