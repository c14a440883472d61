using System.Globalization;
using System.Text;

namespace Coffer.Bench;

/// <summary>Everything one run measured, written as docs/BENCHMARKS.md.</summary>
public sealed class Report(BenchOptions options, MachineInfo machine)
{
    private const string FindingsFile = "bench/findings.md";
    /// <summary>One hand-written file per feature's measurements (abuse, audit, sites…), appended in name order.</summary>
    private const string FindingsFolder = "bench/findings";

    public List<HttpRow> Http { get; } = [];
    public List<ScaleResult> Scale { get; } = [];
    public CliResult? Cli { get; set; }
    public List<string> Micro { get; } = [];
    public TimeSpan Elapsed { get; set; }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Coffer benchmarks").AppendLine();
        md.AppendLine("Written by the benchmark command; every number below comes from one run of it:").AppendLine();
        md.AppendLine($"```sh\n{options.Command}\n```").AppendLine();
        md.AppendLine($"- machine: {machine.Cores} cores (`nproc`), {machine.Cpu}, {machine.Memory}, Linux {machine.Kernel}");
        md.AppendLine($"- date: {machine.Date:yyyy-MM-dd HH:mm} UTC; the run took {Elapsed.TotalMinutes:F1} min");
        md.AppendLine(double.IsNaN(machine.FsyncPerSecond) ? "- disk: fsync rate not measured (smoke run)" : $"- disk: {machine.FsyncPerSecond:N0} fdatasync/s of one 8 kB write (`pg_test_fsync`)");
        md.AppendLine($"- load: wrk, {options.Connections} keep-alive connections, {options.Warmup.TotalSeconds:0.#} s warm-up, then a {options.Window.TotalSeconds:0.#} s window; wrk shares the {machine.Cores} cores with the server");
        md.AppendLine("- server: the published NativeAOT `coffer` binary, configured as a deployment (config file, auto-unseal key file, log level info)");
        if (options.Smoke) md.AppendLine().AppendLine("**Smoke run**: windows and data sizes are tiny; these numbers show the harness works, not how fast Coffer is.");

        if (Http.Count > 0) WriteHttp(md);
        if (Scale.Count > 0) WriteScale(md);
        if (Cli is { } cli) WriteCli(md, cli);
        if (Micro.Count > 0)
        {
            md.AppendLine().AppendLine("## Micro-benchmarks (BenchmarkDotNet)").AppendLine();
            foreach (var table in Micro) md.AppendLine(table).AppendLine();
        }
        // What was learned from these numbers, and what changed because of them, is written by hand.
        if (!options.Smoke && File.Exists(FindingsFile)) md.AppendLine().Append(File.ReadAllText(FindingsFile));
        if (!options.Smoke && Directory.Exists(FindingsFolder))
            foreach (var file in Directory.GetFiles(FindingsFolder, "*.md").Where(f => Path.GetFileName(f) != "README.md").Order(StringComparer.Ordinal))
                md.AppendLine().Append(File.ReadAllText(file));
        return md.ToString();
    }

    private void WriteHttp(StringBuilder md)
    {
        md.AppendLine().AppendLine("## Throughput against the ceiling").AppendLine();
        md.AppendLine("The ceiling is `coffer bench-ceiling`: bare Kestrel answering a constant, from the same build, measured right before each store's scenarios.").AppendLine();
        md.AppendLine("| scenario | store | req/s | × ceiling | p50 ms | p99 ms | peak RSS | target | met |");
        md.AppendLine("|---|---|--:|--:|--:|--:|--:|---|---|");
        foreach (var store in Http.Select(r => r.Store).Distinct())
            md.AppendLine($"| ceiling (bare Kestrel) | {store} run | {Http.First(r => r.Store == store).CeilingPerSecond:N0} | 1 | | | | | |");
        foreach (var row in Http)
            md.AppendLine($"| {row.Scenario} | {row.Store} | {row.Result.PerSecond:N0} | {row.Ratio:F2} | {Ms(row.Result.P50Ms)} | {Ms(row.Result.P99Ms)} | {Mb(row.PeakMemory)} | {row.Target} | {Met(row.Met)} |");
        if (Http.Any(r => r.Scenario.Contains("durable")))
            md.AppendLine().AppendLine($"Durable: a write is acknowledged after its transaction's fsync (SQLite `synchronous=FULL` in WAL mode, one writer with group commit; PostgreSQL `synchronous_commit=on`). The disk does {machine.FsyncPerSecond:N0} fsyncs/s, so more writes per second than that means several writes share one fsync.");
    }

    private void WriteScale(StringBuilder md)
    {
        md.AppendLine().AppendLine("## Scale").AppendLine();
        md.AppendLine(string.Format("The loader clones a token, a secret and a project that the API made (fresh ids, random verifiers and key indexes), so every index holds real-sized rows. Filler tokens have no parent, as logins make them; filler secrets are spread over 1,000 projects of the same organization. PostgreSQL gets VACUUM ANALYZE after the load (as autovacuum would, but before the measurements); SQLite no ANALYZE (Coffer never runs it). Each lookup runs {0} windows and reports the one with the median p99.", options.LookupWindows)).AppendLine();
        foreach (var scale in Scale)
        {
            md.AppendLine($"### {scale.Store}: {scale.SmallRows:N0} → {scale.LargeRows:N0} tokens and secrets").AppendLine();
            md.AppendLine($"| lookup | p99 ms at {scale.SmallRows:N0} | p99 ms at {scale.LargeRows:N0} | ratio | req/s at {scale.SmallRows:N0} | req/s at {scale.LargeRows:N0} | target | met | one connection: p99 ms at {scale.SmallRows:N0} → {scale.LargeRows:N0} | ratio |");
            md.AppendLine("|---|--:|--:|--:|--:|--:|---|---|--:|--:|");
            foreach (var row in scale.Lookups)
                md.AppendLine($"| {row.Scenario} | {Ms(row.Small.P99Ms)} | {Ms(row.Large.P99Ms)} | {row.P99Ratio:F2} | {row.Small.PerSecond:N0} | {row.Large.PerSecond:N0} | ≤ 1.5 × | {Met(row.Met)} | {Ms(row.SmallAlone.P99Ms)} → {Ms(row.LargeAlone.P99Ms)} | {row.AloneP99Ratio:F2} |");
            md.AppendLine().AppendLine($"The target is judged under the standard load ({options.Connections} connections), on the median of {options.LookupWindows} windows; the last two columns are the same lookup with one connection: its own latency, without the queueing and scheduling of {options.Connections} connections on shared cores. The p99 of each window, to show how much one window's p99 wanders on this machine:").AppendLine();
            foreach (var row in scale.Lookups)
                md.AppendLine($"- {row.Scenario}: {string.Join(", ", row.SmallWindowsP99.Select(Ms))} ms at {scale.SmallRows:N0}; {string.Join(", ", row.LargeWindowsP99.Select(Ms))} ms at {scale.LargeRows:N0}");
            md.AppendLine();
            md.AppendLine("| measure | value | target | met |");
            md.AppendLine("|---|--:|---|---|");
            md.AppendLine($"| start-up at {scale.SmallRows:N0} rows (process start → first 200 from /v1/sys/health) | {scale.StartupSmall.TotalMilliseconds:N0} ms | | |");
            md.AppendLine($"| start-up at {scale.LargeRows:N0} rows | {scale.StartupLarge.TotalMilliseconds:N0} ms | < 2 s | {Met(scale.StartupLarge < TimeSpan.FromSeconds(2))} |");
            md.AppendLine($"| bytes on disk per token (table and indexes) | {scale.BytesPerToken:N0} | | |");
            md.AppendLine($"| bytes on disk per secret (table and indexes) | {scale.BytesPerSecret:N0} | | |");
            md.AppendLine($"| loading {scale.LargeRows - scale.SmallRows:N0} tokens and secrets | {scale.LoadTime.TotalSeconds:F1} s | | |");
            var sweep = scale.Sweep;
            md.AppendLine($"| sweeping {sweep.Tokens:N0} expired tokens | {sweep.Duration.TotalSeconds:F1} s ({sweep.Tokens / sweep.Duration.TotalSeconds:N0}/s) | | |");
            md.AppendLine($"| lookup-self p99 while sweeping / idle | {Ms(sweep.During.P99Ms)} / {Ms(sweep.Idle.P99Ms)} ms = {sweep.P99Ratio:F2} | ≤ 2 × | {Met(sweep.Met)} |");
            md.AppendLine();
        }
    }

    private static void WriteCli(StringBuilder md, CliResult cli)
    {
        md.AppendLine().AppendLine("## CLI: a cold `secret get`").AppendLine();
        md.AppendLine($"A new process per call with the login cached in a state file, against a local server (SQLite), {cli.Runs} runs of each, alternating.").AppendLine();
        md.AppendLine("| command | median ms | p90 ms | target | met |");
        md.AppendLine("|---|--:|--:|---|---|");
        md.AppendLine($"| `coffer secret get <id>` (NativeAOT) | {cli.CofferMedianMs:F1} | {cli.CofferP90Ms:F1} | ≤ 40 ms | {Met(cli.Met)} |");
        md.AppendLine($"| official SDK in Node (`@bitwarden/sdk-napi` 1.0.0, `secrets().get`) | {cli.SdkMedianMs:F1} | {cli.SdkP90Ms:F1} | | |");
    }

    private static string Ms(double value) => value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);
    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024:F0} MB";
    private static string Met(bool met) => met ? "yes" : "**no**";

    public bool AllMet =>
        Http.All(r => r.Met) && Scale.All(s => s.Lookups.All(l => l.Met) && s.Sweep.Met && s.StartupLarge < TimeSpan.FromSeconds(2)) && Cli?.Met != false;
}
