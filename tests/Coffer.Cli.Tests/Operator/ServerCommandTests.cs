using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Operator;

/// <summary>`coffer server` from the binary: dev mode end to end, and start-up errors as one line.</summary>
public sealed class ServerCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coffer-server-").FullName;

    [Fact]
    public async Task Dev_mode_keeps_its_data_and_root_token_across_restarts_and_serves_https_to_clients_trusting_its_ca()
    {
        var data = Path.Combine(_folder, "dev");
        string rootToken;
        await using (var first = await ServerProcess.StartAsync(["server", "--dev", "--data-dir", data, "--http", "127.0.0.1:0", "--https", "127.0.0.1:0"]))
            rootToken = System.Text.RegularExpressions.Regex.Match(first.Output, @"Root token: (\S+)").Groups[1].Value;

        await using var second = await ServerProcess.StartAsync(["server", "--dev", "--data-dir", data, "--http", "127.0.0.1:0", "--https", "127.0.0.1:0"]);
        var overHttps = await CofferBinary.RunAsync(["operator", "status", "--address", second.Https!.ToString()],
            new Dictionary<string, string> { ["SSL_CERT_FILE"] = Path.Combine(data, "ca.pem") });
        var untrusted = await CofferBinary.RunAsync(["operator", "status", "--address", second.Https!.ToString()]);
        var seal = await CofferBinary.RunAsync(["operator", "seal", "--address", second.Address, "--token", rootToken]);

        Assert.True(Guid.TryParse(rootToken, out _), FirstStartHint(rootToken));
        Assert.DoesNotContain("Root token", second.Output);
        Assert.Equal(0, overHttps.ExitCode);
        Assert.Contains("SSL_CERT_FILE", untrusted.Stderr);
        Assert.Equal(0, seal.ExitCode);
    }

    [Fact]
    public async Task An_unknown_setting_stops_the_start_with_one_line_naming_it()
    {
        var config = Path.Combine(_folder, "coffer.yaml");
        await File.WriteAllTextAsync(config, $"storage:\n  sqlite:\n    path: {_folder}/c.db\nlisten:\n  htp: 127.0.0.1:0\n");

        var result = await CofferBinary.RunAsync(["server", "--config", config]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unknown setting 'listen.htp'", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_folder, "c.db")));
    }

    [Fact]
    public async Task Settings_come_from_coffer_environment_variables()
    {
        await using var server = await ServerProcess.StartAsync(["server"], new Dictionary<string, string>
        {
            ["COFFER_STORAGE_SQLITE_PATH"] = Path.Combine(_folder, "env.db"),
            ["COFFER_LISTEN_HTTP"] = "127.0.0.1:0",
        });

        Assert.Contains("SQLite database " + Path.Combine(_folder, "env.db"), server.Output);
    }

    private static string FirstStartHint(string token) => $"the first start should print a root token, got '{token}'";

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
