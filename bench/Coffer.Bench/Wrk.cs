using System.Diagnostics;
using System.Text.Json;

namespace Coffer.Bench;

/// <summary>One kind of request for wrk. <see cref="Random"/>: "bearer" or "path" puts a fresh UUID in each request.</summary>
public sealed record WrkRequest(string Method, string Path, string? Bearer = null, string? Body = null,
    string ContentType = "application/json", string? Random = null);

public sealed record WrkResult(long Requests, TimeSpan Duration, double P50Ms, double P90Ms, double P99Ms, double MaxMs, long StatusErrors, long SocketErrors)
{
    public double PerSecond => Requests / Duration.TotalSeconds;
}

/// <summary>Runs wrk (keep-alive, a fixed number of connections) with bench/wrk/scenario.lua and reads its result line.</summary>
public static class Wrk
{
    private static readonly string Script = Path.GetFullPath("bench/wrk/scenario.lua");

    /// <summary>A warm-up: the same load, not measured (nothing for a zero duration).</summary>
    public static async Task WarmAsync(Uri server, WrkRequest request, TimeSpan duration, int connections)
    {
        if (duration > TimeSpan.Zero) await RunAsync(server, request, duration, connections);
    }

    /// <summary>Runs for <paramref name="duration"/>, or until <paramref name="stop"/> fires (SIGINT: wrk then reports what it measured).</summary>
    public static async Task<WrkResult> RunAsync(Uri server, WrkRequest request, TimeSpan duration, int connections, CancellationToken stop = default)
    {
        var start = new ProcessStartInfo("wrk",
            ["-t", Math.Min(connections, Environment.ProcessorCount).ToString(), "-c", connections.ToString(),
             "-d", $"{Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds))}s", "--timeout", "10s", "-s", Script, server.GetLeftPart(UriPartial.Authority)])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["BENCH_METHOD"] = request.Method;
        start.Environment["BENCH_PATH"] = request.Path;
        start.Environment["BENCH_TYPE"] = request.ContentType;
        if (request.Bearer is not null) start.Environment["BENCH_BEARER"] = request.Bearer;
        if (request.Random is not null) start.Environment["BENCH_RANDOM"] = request.Random;
        string? bodyFile = null;
        if (request.Body is not null)
        {
            bodyFile = Path.GetTempFileName();
            await File.WriteAllTextAsync(bodyFile, request.Body);
            start.Environment["BENCH_BODY_FILE"] = bodyFile;
        }
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start wrk");
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            await using (stop.Register(() => Signals.Send(process.Id, Signals.Interrupt))) await process.WaitForExitAsync(CancellationToken.None);
            var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith("BENCH "))
                ?? throw new InvalidOperationException($"wrk gave no result for {request.Method} {request.Path}: {await output}{await errors}");
            var json = JsonDocument.Parse(line["BENCH ".Length..]).RootElement;
            double Ms(string name) => json.GetProperty(name).GetDouble() / 1000;
            return new WrkResult(json.GetProperty("requests").GetInt64(), TimeSpan.FromMicroseconds(json.GetProperty("duration_us").GetDouble()),
                Ms("p50_us"), Ms("p90_us"), Ms("p99_us"), Ms("max_us"), json.GetProperty("status_errors").GetInt64(), json.GetProperty("socket_errors").GetInt64());
        }
        finally
        {
            if (bodyFile is not null) File.Delete(bodyFile);
        }
    }
}
