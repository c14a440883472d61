namespace Coffer.Bench;

/// <summary>What one run of bench/run measures, and for how long.</summary>
public sealed record BenchOptions
{
    public bool Smoke { get; init; }
    public string Output { get; init; } = "docs/BENCHMARKS.md";
    public string Command { get; init; } = "bench/run";
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public int Connections { get; init; } = 32;

    /// <summary>Scale lookups run this many windows and keep the one with the median p99: one window's p99 on two shared cores is noisy.</summary>
    public int LookupWindows { get; init; } = 3;
    public int ScaleRows { get; init; } = 1_000_000;
    public int SmallRows { get; init; } = 1_000;
    public int SweepRows { get; init; } = 100_000;
    public int CliRuns { get; init; } = 40;
    public IReadOnlyList<string> Stores { get; init; } = ["sqlite", "postgres"];
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string> { "http", "scale", "cli", "micro" };
    public string Binary { get; init; } = Path.GetFullPath(Environment.GetEnvironmentVariable("COFFER_BIN") ?? "artifacts/bin/coffer");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        if (args.Contains("--smoke"))
            options = options with
            {
                Smoke = true, Output = "artifacts/bench-smoke.md", Window = TimeSpan.FromSeconds(1), Warmup = TimeSpan.Zero,
                ScaleRows = 3_000, SmallRows = 1_000, SweepRows = 2_000, CliRuns = 3, LookupWindows = 1,
            };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--smoke" => options,
                "--out" => options with { Output = Next() },
                "--command" => options with { Command = Next() },
                "--seconds" => options with { Window = TimeSpan.FromSeconds(PositiveInt(Next(), "--seconds")) },
                "--scale" => options with { ScaleRows = PositiveInt(Next(), "--scale") },
                "--stores" => options with { Stores = List(Next(), ["sqlite", "postgres"], "--stores") },
                "--only" => options with { Parts = List(Next(), ["http", "scale", "cli", "micro"], "--only").ToHashSet() },
                _ => throw new ArgumentException($"unknown option {args[i]}; see the header of bench/run"),
            };
        }
        if (options.ScaleRows <= options.SmallRows) throw new ArgumentException($"--scale must be more than {options.SmallRows}");
        return options;
    }

    private static int PositiveInt(string text, string option) =>
        int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"{option} takes a whole number above 0, not '{text}'");

    private static List<string> List(string text, string[] known, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        var unknown = items.Except(known).ToList();
        return unknown.Count == 0 && items.Count > 0 ? items
            : throw new ArgumentException($"{option} takes a comma-separated list of {string.Join(", ", known)}; '{string.Join(",", unknown)}' is not one");
    }
}
