using System.Diagnostics;
using Coffer.Bench;

// bench/run: every scenario of issue 7, one report. Exit code 2 for bad options, 1 when a part fails.
// A target that is missed is reported, not an error: the smoke in ./test.sh checks that the harness works.
BenchOptions options;
try { options = BenchOptions.Parse(args); }
catch (ArgumentException e) { Console.Error.WriteLine($"bench: {e.Message}"); return 2; }
if (!File.Exists(options.Binary)) { Console.Error.WriteLine($"bench: {options.Binary} is missing: run bench/run, which publishes it"); return 2; }

var scratch = Directory.CreateTempSubdirectory("coffer-bench-").FullName;
var clock = Stopwatch.StartNew();
void Log(string line) => Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {line}");
try
{
    Log("machine");
    var report = new Report(options, await MachineInfo.ReadAsync(scratch, measureFsync: !options.Smoke));
    foreach (var store in options.Stores)
    {
        if (options.Parts.Contains("http"))
        {
            Log($"throughput on {store}");
            report.Http.AddRange(await HttpRun.RunAsync(options, store, Path.Combine(scratch, $"http-{store}"), Log));
        }
        if (options.Parts.Contains("scale"))
        {
            Log($"scale on {store}");
            report.Scale.Add(await ScaleRun.RunAsync(options, store, Path.Combine(scratch, $"scale-{store}"), Log));
        }
    }
    if (options.Parts.Contains("cli"))
    {
        Log("CLI against the SDK");
        report.Cli = await CliRun.RunAsync(options, Path.Combine(scratch, "cli"), Log);
    }
    if (options.Parts.Contains("micro"))
    {
        Log("micro-benchmarks");
        report.Micro.AddRange(await MicroRun.RunAsync(options, scratch));
    }
    report.Elapsed = clock.Elapsed;
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
    await File.WriteAllTextAsync(options.Output, report.ToMarkdown());
    Log($"wrote {options.Output}; every target met: {(report.AllMet ? "yes" : "no")}");
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or System.Data.Common.DbException or HttpRequestException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 1;
}
finally
{
    try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
}
