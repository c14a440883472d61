namespace Coffer.Bench;

/// <summary>One HTTP scenario's measured window, with its target.</summary>
public sealed record HttpRow(string Store, string Scenario, WrkResult Result, double CeilingPerSecond, long PeakMemory, string Target, bool Met)
{
    public double Ratio => Result.PerSecond / CeilingPerSecond;
}

/// <summary>
/// The throughput scenarios of issue 7 on one store, each after a warm-up, against a ceiling measured
/// right before them. Targets are ratios to the ceiling, or absolute rates for durable writes.
/// </summary>
public static class HttpRun
{
    private sealed record Scenario(string Name, Func<World, WrkRequest> Request, double? Ratio = null, double? PerSecond = null);

    private static readonly Scenario[] Scenarios =
    [
        new("Bitwarden `GET /api/secrets/{id}` (bearer JWT)", w => new("GET", $"/api/secrets/{w.Secret}", Bearer: w.Jwt), Ratio: 0.5),
        new("Strongbox lookup-self (`POST …/token/info`)", w => new("POST", "/v1/state/strongbox/token/info", Bearer: w.Token), Ratio: 0.5),
        new("`POST /identity/connect/token`", w => new("POST", "/identity/connect/token", Body: Form(w), ContentType: "application/x-www-form-urlencoded"), Ratio: 0.2),
        new("`create-token`, durable (root token, `ttl: 1h`)", w => new("POST", "/v1/state/strongbox/token/create-token", Bearer: w.RootToken, Body: """{"ttl":"1h"}"""), PerSecond: 2000),
        new("secret create, Bitwarden API, durable", w => new("POST", $"/api/organizations/{w.Organization}/secrets", Bearer: w.Jwt, Body: w.SecretCreateBody), PerSecond: 1000),
    ];

    public static async Task<List<HttpRow>> RunAsync(BenchOptions options, string store, string folder, Action<string> log)
    {
        var ceiling = await Ceiling.MeasureAsync(options);
        log($"  ceiling: {ceiling.PerSecond:N0} req/s");
        await using var server = await CofferServer.CreateAsync(options.Binary, store, folder);
        var world = await World.CreateAsync(server);
        var rows = new List<HttpRow>();
        foreach (var scenario in Scenarios)
        {
            var request = scenario.Request(world);
            await Wrk.WarmAsync(server.Address, request, options.Warmup, options.Connections);
            server.ResetPeakMemory();
            var result = await Wrk.RunAsync(server.Address, request, options.Window, options.Connections);
            var errors = result.StatusErrors + result.SocketErrors;
            var (target, met) = scenario.Ratio is { } ratio
                ? ($"≥ {ratio} × ceiling", result.PerSecond >= ratio * ceiling.PerSecond)
                : ($"≥ {scenario.PerSecond:N0}/s", result.PerSecond >= scenario.PerSecond);
            rows.Add(new HttpRow(store, scenario.Name, result, ceiling.PerSecond, server.PeakMemory(), target, met && errors == 0));
            log($"  {scenario.Name}: {result.PerSecond:N0} req/s, p99 {result.P99Ms:F2} ms{(errors > 0 ? $", {errors} ERRORS" : "")}");
            if (errors > 0) throw new InvalidOperationException($"{scenario.Name} on {store}: {result.StatusErrors} error statuses, {result.SocketErrors} socket errors");
        }
        return rows;
    }

    private static string Form(World world) =>
        string.Join("&", world.LoginForm().Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
}
