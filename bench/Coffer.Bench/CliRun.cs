using System.Diagnostics;

namespace Coffer.Bench;

public sealed record CliResult(int Runs, double CofferMedianMs, double CofferP90Ms, double SdkMedianMs, double SdkP90Ms)
{
    public bool Met => CofferMedianMs <= 40;
}

/// <summary>
/// A cold `coffer secret get` (a new process, the login cached in the state file) against the same
/// call through the official SDK in Node (a new process, the SDK's own state file), alternating, same run.
/// </summary>
public static class CliRun
{
    public static async Task<CliResult> RunAsync(BenchOptions options, string folder, Action<string> log)
    {
        await using var server = await CofferServer.CreateAsync(options.Binary, "sqlite", Path.Combine(folder, "server"));
        var world = await World.CreateAsync(server);
        var home = Directory.CreateDirectory(Path.Combine(folder, "home")).FullName;
        var url = server.Address.ToString().TrimEnd('/');
        var coffer = Command(options.Binary, ["secret", "get", world.Secret.ToString(), "--server-url", url], home, world);
        var sdk = Command("node", [Path.GetFullPath("bench/sdk/get-secret.mjs"), url, world.Secret.ToString(), Path.Combine(home, "sdk-state")], home, world);

        // The first run of each logs in and writes its state file; the timed runs reuse it.
        await RunOnceAsync(coffer);
        await RunOnceAsync(sdk);
        var cofferTimes = new List<double>();
        var sdkTimes = new List<double>();
        for (var i = 0; i < options.CliRuns; i++)
        {
            cofferTimes.Add(await RunOnceAsync(coffer));
            sdkTimes.Add(await RunOnceAsync(sdk));
        }
        var result = new CliResult(options.CliRuns, Percentile(cofferTimes, 50), Percentile(cofferTimes, 90), Percentile(sdkTimes, 50), Percentile(sdkTimes, 90));
        log($"  coffer secret get: median {result.CofferMedianMs:F1} ms; SDK in Node: median {result.SdkMedianMs:F1} ms");
        return result;
    }

    private static ProcessStartInfo Command(string program, string[] arguments, string home, World world)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["HOME"] = home;
        start.Environment["BWS_ACCESS_TOKEN"] = world.AccessToken;
        return start;
    }

    /// <summary>Wall time of one process from start to exit; it must print the secret's value.</summary>
    private static async Task<double> RunOnceAsync(ProcessStartInfo start)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0 || !(await output).Contains("correct horse battery staple"))
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await output}{await errors}");
        return elapsed;
    }

    public static double Percentile(IReadOnlyList<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
    }
}
