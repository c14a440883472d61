using System.Diagnostics;

namespace Coffer.Bench;

/// <summary>A lookup at both sizes: under the standard load, and with one connection (the lookup's own latency, no queueing).</summary>
public sealed record LookupRow(string Scenario, WrkResult Small, WrkResult Large, WrkResult SmallAlone, WrkResult LargeAlone,
    IReadOnlyList<double> SmallWindowsP99, IReadOnlyList<double> LargeWindowsP99)
{
    public double AloneP99Ratio => LargeAlone.P99Ms / SmallAlone.P99Ms;

    public double P99Ratio => Large.P99Ms / Small.P99Ms;
    public bool Met => P99Ratio <= 1.5;
}

public sealed record SweepResult(int Tokens, TimeSpan Duration, WrkResult Idle, WrkResult During)
{
    public double P99Ratio => During.P99Ms / Idle.P99Ms;
    public bool Met => P99Ratio <= 2;
}

public sealed record ScaleResult(string Store, int SmallRows, int LargeRows, IReadOnlyList<LookupRow> Lookups,
    TimeSpan StartupSmall, TimeSpan StartupLarge, double BytesPerToken, double BytesPerSecret, TimeSpan LoadTime, SweepResult Sweep);

/// <summary>
/// Scale on one store: lookups with a small store, then with <see cref="BenchOptions.ScaleRows"/> tokens
/// and secrets (start-up timed at both sizes, bytes per row from the database's size), then a sweep of
/// expired tokens while requests run. Cached lookups show the hot path; unknown ids and by-name lookups
/// reach the database's indexes on every request.
/// </summary>
public static class ScaleRun
{
    private sealed record Lookup(string Name, Func<World, WrkRequest> Request, bool ErrorStatusExpected = false);

    private static readonly Lookup[] Lookups =
    [
        new("token lookup-self (cached)", w => new("POST", "/v1/state/strongbox/token/info", Bearer: w.Token)),
        new("token lookup, unknown token (index probe, 401)", _ => new("POST", "/v1/state/strongbox/token/info", Random: "bearer"), true),
        new("Bitwarden secret get (cached)", w => new("GET", $"/api/secrets/{w.Secret}", Bearer: w.Jwt)),
        new("Bitwarden secret get, unknown id (index probe, 404)", w => new("GET", "/api/secrets/{uuid}", Bearer: w.Jwt, Random: "path"), true),
        new("secret by name, native `?key=` (index probe)", w => new("GET", $"/v1/config/orgs/{w.Organization}/projects/{w.Project}/secrets?key=DATABASE_PASSWORD", Bearer: w.RootToken)),
    ];

    public static async Task<ScaleResult> RunAsync(BenchOptions options, string store, string folder, Action<string> log)
    {
        await using var server = await CofferServer.CreateAsync(options.Binary, store, folder);
        var world = await World.CreateAsync(server);
        await using var loader = await Loader.OpenAsync(server);

        await LoadAsync(loader, world, options.SmallRows - 1);
        await server.StopAsync();
        await server.StartAsync();
        var startupSmall = server.StartupTime;
        log($"  {options.SmallRows:N0} rows: started in {startupSmall.TotalMilliseconds:F0} ms");
        var small = await MeasureAsync(server, world, options);

        await server.StopAsync();
        var clock = Stopwatch.StartNew();
        var before = await loader.SizeAsync();
        var added = options.ScaleRows - options.SmallRows;
        await loader.CloneTokensAsync(world.TokenAccessor, added);
        var afterTokens = await loader.SizeAsync();
        await loader.CloneSecretsAsync(world.Secret, world.Project, added);
        var afterSecrets = await loader.SizeAsync();
        await loader.AnalyzeAsync();
        var loadTime = clock.Elapsed;
        log($"  loaded {added:N0} tokens and {added:N0} secrets in {loadTime.TotalSeconds:F1} s");

        await server.StartAsync();
        var startupLarge = server.StartupTime;
        log($"  {options.ScaleRows:N0} rows: started in {startupLarge.TotalMilliseconds:F0} ms");
        var large = await MeasureAsync(server, world, options);
        var sweep = await SweepAsync(server, world, loader, options, log);
        await server.StopAsync();

        return new ScaleResult(store, options.SmallRows, options.ScaleRows,
            Lookups.Select((l, i) => new LookupRow(l.Name, small[i].Loaded, large[i].Loaded, small[i].Alone, large[i].Alone, small[i].WindowsP99, large[i].WindowsP99)).ToList(),
            startupSmall, startupLarge, (afterTokens - before) / (double)added, (afterSecrets - afterTokens) / (double)added, loadTime, sweep);
    }

    private static async Task LoadAsync(Loader loader, World world, int rows)
    {
        await loader.CloneTokensAsync(world.TokenAccessor, rows);
        await loader.CloneSecretsAsync(world.Secret, world.Project, rows);
        await loader.AnalyzeAsync();
    }

    private static async Task<List<(WrkResult Loaded, WrkResult Alone, List<double> WindowsP99)>> MeasureAsync(CofferServer server, World world, BenchOptions options)
    {
        var results = new List<(WrkResult, WrkResult, List<double>)>();
        foreach (var lookup in Lookups)
        {
            var request = lookup.Request(world);
            await Wrk.WarmAsync(server.Address, request, options.Warmup, options.Connections);
            var windows = new List<WrkResult>();
            for (var i = 0; i < options.LookupWindows; i++)
                windows.Add(Checked(lookup, server, await Wrk.RunAsync(server.Address, request, options.Window, options.Connections)));
            var alone = Checked(lookup, server, await Wrk.RunAsync(server.Address, request, options.Window, 1));
            results.Add((windows.OrderBy(w => w.P99Ms).ElementAt(windows.Count / 2), alone, windows.Select(w => w.P99Ms).ToList()));
        }
        return results;
    }

    private static WrkResult Checked(Lookup lookup, CofferServer server, WrkResult result) =>
        result.SocketErrors > 0 || (!lookup.ErrorStatusExpected && result.StatusErrors > 0)
            ? throw new InvalidOperationException($"{lookup.Name} on {server.Store}: {result.StatusErrors} error statuses, {result.SocketErrors} socket errors")
            : result;

    /// <summary>Expired tokens appear; lookups are measured from the sweeper's first deletion to its last.</summary>
    private static async Task<SweepResult> SweepAsync(CofferServer server, World world, Loader loader, BenchOptions options, Action<string> log)
    {
        var request = Lookups[0].Request(world);
        var idle = await Wrk.RunAsync(server.Address, request, options.Window, options.Connections);
        await loader.CloneTokensAsync(world.TokenAccessor, options.SweepRows, DateTimeOffset.UtcNow.AddMinutes(-1));
        Task<long> Expired() => loader.CountAsync("tokens", "expire_time <= @now", ("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000));

        var deadline = Stopwatch.StartNew();
        while (await Expired() >= options.SweepRows)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"the sweeper did not start within a minute on {server.Store}; the server said:\n{server.RecentOutput}");
            await Task.Delay(20);
        }
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var during = Wrk.RunAsync(server.Address, request, TimeSpan.FromMinutes(30), options.Connections, stop.Token);
        while (await Expired() > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException($"sweeping {options.SweepRows:N0} tokens took over 20 minutes on {server.Store}");
            await Task.Delay(100);
        }
        var duration = clock.Elapsed;
        await stop.CancelAsync();
        var result = await during;
        log($"  swept {options.SweepRows:N0} expired tokens in {duration.TotalSeconds:F1} s; lookup p99 {idle.P99Ms:F2} ms idle, {result.P99Ms:F2} ms during");
        return new SweepResult(options.SweepRows, duration, idle, result);
    }
}
