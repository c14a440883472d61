using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace Coffer.Bench;

/// <summary>
/// The published coffer binary as a server on SQLite or PostgreSQL, configured as a real deployment
/// (config file, auto-unseal key file) so a restart needs no operator. Knows its data for the loader.
/// </summary>
public sealed partial class CofferServer : IAsyncDisposable
{
    private readonly string _binary;
    private readonly string _config;
    private readonly string? _postgresAdmin;
    private readonly Queue<string> _output = new();
    private Process? _process;

    private CofferServer(string store, string binary, string config, string storage, string? postgresAdmin)
    {
        Store = store;
        _binary = binary;
        _config = config;
        Storage = storage;
        _postgresAdmin = postgresAdmin;
    }

    public string Store { get; }

    /// <summary>The SQLite file, or the PostgreSQL connection string of this server's own database.</summary>
    public string Storage { get; }

    public Uri Address { get; private set; } = null!;
    public string RootToken { get; private set; } = "";
    public int Pid => _process?.Id ?? 0;

    /// <summary>From process start to the first answer of /v1/sys/health that says it serves (after a restart: unsealed).</summary>
    public TimeSpan StartupTime { get; private set; }

    public static async Task<CofferServer> CreateAsync(string binary, string store, string folder)
    {
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "unseal.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        string storage, storageYaml;
        string? admin = null;
        if (store == "sqlite")
        {
            storage = Path.Combine(folder, "coffer.db");
            storageYaml = $"sqlite: {{path: {storage}}}";
        }
        else
        {
            admin = Environment.GetEnvironmentVariable("COFFER_TEST_POSTGRES")
                ?? throw new InvalidOperationException("COFFER_TEST_POSTGRES is not set: run bench/run, which starts PostgreSQL");
            var database = $"coffer_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            storage = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
            storageYaml = $"postgres: {{connection-string: \"{storage}\"}}";
        }
        var config = Path.Combine(folder, "coffer.yaml");
        await File.WriteAllTextAsync(config, $"listen: {{http: 127.0.0.1:0}}\nstorage: {{{storageYaml}}}\nseal: {{auto: {{key-file: {keyFile}}}}}\nlog-level: info\n");

        var server = new CofferServer(store, binary, config, storage, admin);
        await server.StartAsync();
        using var client = new NativeClient(server.Address, null);
        var init = await client.SendAsync(HttpMethod.Post, "/v1/sys/init", new Dictionary<string, int> { ["secret-shares"] = 1, ["secret-threshold"] = 1 });
        server.RootToken = init.GetProperty("root-token").GetString()!;
        return server;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(_binary, ["server", "--config", _config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var clock = Stopwatch.StartNew();
        _process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {_binary}");
        _ = KeepAsync(_process.StandardError);
        Address = null!;
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            Remember(line);
            if (Listening().Match(line) is not { Success: true } match) continue;
            Address = new Uri(match.Groups[1].Value);
            break;
        }
        if (Address is null || _process.HasExited) throw new InvalidOperationException($"coffer server did not start:\n{RecentOutput}");
        _ = KeepAsync(_process.StandardOutput);
        using var http = new HttpClient { BaseAddress = Address };
        // 200: unsealed and serving; 501: serving, not initialized yet (the first start, before init).
        while ((await http.GetAsync("/v1/sys/health")).StatusCode is not (System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.NotImplemented))
            await Task.Delay(2);
        StartupTime = clock.Elapsed;
    }

    /// <summary>The server's last lines of output, for error messages.</summary>
    public string RecentOutput { get { lock (_output) return string.Join('\n', _output); } }

    private async Task KeepAsync(StreamReader stream)
    {
        while (await stream.ReadLineAsync() is { } line) Remember(line);
    }

    private void Remember(string line)
    {
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 40) _output.Dequeue();
        }
    }

    /// <summary>SIGTERM, as an operator stops it: buffered last-used times are written before it exits.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) Signals.Send(_process.Id, Signals.Terminate);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts the peak-RSS window afresh (Linux: writing 5 to clear_refs resets VmHWM).</summary>
    public void ResetPeakMemory()
    {
        try { File.WriteAllText($"/proc/{Pid}/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The server's peak resident set (VmHWM) since the last reset, in bytes.</summary>
    public long PeakMemory() =>
        long.Parse(File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmHWM:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill();
        _process?.Dispose();
        if (_postgresAdmin is null) return;
        var database = new NpgsqlConnectionStringBuilder(Storage).Database;
        await using var connection = new NpgsqlConnection(_postgresAdmin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"listening on (http://\S+?)(?: and https://\S+)?$")]
    private static partial Regex Listening();
}
