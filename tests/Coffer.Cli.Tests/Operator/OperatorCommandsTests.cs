using System.Text.Json;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Operator;

/// <summary>The published binary drives the seal of a server it started itself, through the HTTP API.</summary>
public sealed class OperatorCommandsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coffer-cli-").FullName;
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        var config = Path.Combine(_folder, "coffer.yaml");
        await File.WriteAllTextAsync(config, $"storage:\n  sqlite:\n    path: {_folder}/coffer.db\nlisten:\n  http: 127.0.0.1:0\n");
        _server = await ServerProcess.StartAsync(["server", "--config", config]);
    }

    private Task<CofferBinary.Result> Coffer(params string[] arguments) =>
        CofferBinary.RunAsync(arguments, new Dictionary<string, string> { ["COFFER_ADDR"] = _server.Address });

    [Fact]
    public async Task Init_unseal_status_and_seal_work_end_to_end()
    {
        var init = await Coffer("operator", "init", "--key-shares", "3", "--key-threshold", "2", "-o", "json");
        Assert.Equal(0, init.ExitCode);
        var body = JsonDocument.Parse(init.Stdout).RootElement;
        var keys = body.GetProperty("keys-base64").EnumerateArray().Select(k => k.GetString()!).ToList();
        var rootToken = body.GetProperty("root-token").GetString()!;

        var sealedStatus = await Coffer("operator", "status");
        var first = await Coffer("operator", "unseal", keys[0]);
        var second = await CofferBinary.RunAsync(["operator", "unseal"], new Dictionary<string, string> { ["COFFER_ADDR"] = _server.Address }, stdin: keys[2] + "\n");
        var unsealedStatus = await Coffer("operator", "status", "-o", "yaml");
        var sealWithoutToken = await Coffer("operator", "seal");
        var seal = await CofferBinary.RunAsync(["operator", "seal"], new Dictionary<string, string> { ["COFFER_ADDR"] = _server.Address, ["COFFER_TOKEN"] = rootToken });
        var afterSeal = await Coffer("operator", "status", "-o", "json");

        Assert.Equal(3, keys.Count);
        Assert.Equal(2, sealedStatus.ExitCode);
        Assert.Matches(@"Sealed\s+true", sealedStatus.Stdout);
        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"Unseal Progress\s+1/2", first.Stdout);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"Sealed\s+false", second.Stdout);
        Assert.Equal(0, unsealedStatus.ExitCode);
        Assert.Contains("sealed: false", unsealedStatus.Stdout);
        Assert.Equal(1, sealWithoutToken.ExitCode);
        Assert.Equal("Error: this command needs a token: pass --token or set COFFER_TOKEN (or run `coffer login`)", sealWithoutToken.Stderr.Trim());
        Assert.Equal(0, seal.ExitCode);
        Assert.Equal(2, afterSeal.ExitCode);
        Assert.True(JsonDocument.Parse(afterSeal.Stdout).RootElement.GetProperty("sealed").GetBoolean());
    }

    [Fact]
    public async Task A_server_error_is_one_line_on_stderr_with_a_non_zero_exit()
    {
        var init = await Coffer("operator", "init", "--key-shares", "2", "--key-threshold", "3");

        Assert.Equal(1, init.ExitCode);
        Assert.Equal("", init.Stdout);
        Assert.Single(init.Stderr.Trim().Split('\n'));
        Assert.Contains("secret-threshold cannot be larger than secret-shares (400)", init.Stderr);
    }

    [Fact]
    public async Task A_malformed_share_is_refused_with_the_reason()
    {
        await Coffer("operator", "init", "--key-shares", "1", "--key-threshold", "1");

        var unseal = await Coffer("operator", "unseal", "AAAA");

        Assert.Equal(1, unseal.ExitCode);
        Assert.Contains("decodes to 3", unseal.Stderr);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
