using System.CommandLine;
using Coffer.Server;
using Coffer.Server.Configuration;
using Coffer.Server.Storage;

namespace Coffer.Cli.Commands;

/// <summary>`coffer server`: --dev for a local server in one data folder, or a config file and COFFER_* variables.</summary>
public static class ServerCommand
{
    public static Command Create()
    {
        var dev = new Option<bool>("--dev") { Description = "Dev mode: SQLite in the data folder, one key share, auto-unsealed, HTTPS with a generated CA" };
        var config = new Option<string?>("--config") { Description = "YAML config file (every setting can also come from COFFER_* variables)" };
        var dataDir = new Option<string?>("--data-dir") { Description = $"Dev mode's data folder (default {DevSettingsFactory.DefaultDataDir})" };
        var http = new Option<string?>("--http") { Description = "HTTP listen address ADDR:PORT (dev default 127.0.0.1:8200)" };
        var https = new Option<string?>("--https") { Description = "HTTPS listen address ADDR:PORT (dev default 127.0.0.1:8201)" };
        var rootToken = new Option<Guid?>("--dev-root-token") { Description = "Dev mode: use this UUID as a root token" };
        var command = new Command("server", "Run the Coffer server") { dev, config, dataDir, http, https, rootToken };
        command.SetAction(async (parse, cancel) =>
        {
            var settings = Settings(parse.GetValue(dev), parse.GetValue(config), parse.GetValue(dataDir),
                parse.GetValue(http), parse.GetValue(https), parse.GetValue(rootToken));
            RunningServer server;
            try
            {
                server = await CofferHost.StartAsync(settings, cancellationToken: cancel);
            }
            catch (Exception e) when (e is SettingsException or StorageException or IOException or UnauthorizedAccessException)
            {
                throw new CliException("cannot start Coffer: " + e.Message);
            }
            await using (server) await server.WaitForShutdownAsync(cancel);
            return 0;
        });
        return command;
    }

    private static ServerSettings Settings(bool dev, string? config, string? dataDir, string? http, string? https, Guid? rootToken)
    {
        try
        {
            if (dev)
            {
                if (config is not null) throw new CliException("use either --dev or --config, not both");
                return DevSettingsFactory.Create(dataDir ?? DevSettingsFactory.DefaultDataDir, Listen("--http", http), Listen("--https", https), rootToken);
            }
            if (dataDir is not null || rootToken is not null) throw new CliException("--data-dir and --dev-root-token only apply with --dev");
            var flags = new List<RawSetting>();
            if (http is not null) flags.Add(new RawSetting("listen.http", [http], "--http", false));
            if (https is not null) flags.Add(new RawSetting("listen.https", [https], "--https", false));
            var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value);
            return SettingsLoader.Load(config, environment, flags);
        }
        catch (SettingsException e)
        {
            throw new CliException("cannot start Coffer: " + e.Message);
        }
    }

    private static ListenAddress? Listen(string flag, string? value) =>
        value is null ? null
        : ListenAddressParser.TryParse(value, out var address, out var error) ? address
        : throw new CliException($"{flag}: {error}");
}
