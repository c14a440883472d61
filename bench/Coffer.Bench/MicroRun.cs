using System.Diagnostics;

namespace Coffer.Bench;

/// <summary>Runs bench/Coffer.Micro (BenchmarkDotNet) and returns its GitHub-flavoured result tables.</summary>
public static class MicroRun
{
    public static async Task<List<string>> RunAsync(BenchOptions options, string folder)
    {
        var artifacts = Path.Combine(folder, "micro");
        var arguments = new List<string> { Path.GetFullPath("bench/Coffer.Micro/bin/Release/net10.0/Coffer.Micro.dll"), "--filter", "*", "--exporters", "github", "--artifacts", artifacts };
        if (options.Smoke) arguments.Add("--smoke");
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"the micro-benchmarks failed ({process.ExitCode}):\n{await output}{await errors}");
        return Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report-github.md").Order()
            .Select(file => File.ReadAllText(file).Replace("&#39;", "").Trim()).ToList();
    }
}
