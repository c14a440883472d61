using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Coffer.Bench;

/// <summary>What the numbers were measured on: cores, CPU, memory, the disk's fsync rate, the date.</summary>
public sealed partial record MachineInfo(int Cores, string Cpu, string Memory, string Kernel, double FsyncPerSecond, DateTimeOffset Date)
{
    private const string PgTestFsync = "/usr/lib/postgresql/15/bin/pg_test_fsync";

    public static async Task<MachineInfo> ReadAsync(string scratchFolder, bool measureFsync)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var kernel = (await File.ReadAllTextAsync("/proc/sys/kernel/osrelease")).Trim();
        return new MachineInfo(Environment.ProcessorCount, cpu, $"{long.Parse(memoryKb) / 1024 / 1024} GiB", kernel,
            measureFsync ? await FsyncRateAsync(scratchFolder) : double.NaN, DateTimeOffset.UtcNow);
    }

    /// <summary>fdatasync of one 8 kB write per second on the benchmarks' disk, as pg_test_fsync measures it.</summary>
    private static async Task<double> FsyncRateAsync(string folder)
    {
        var start = new ProcessStartInfo(PgTestFsync, ["-s", "2", "-f", Path.Combine(folder, "fsync.test")]) { RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {PgTestFsync}");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = Fdatasync().Match(output);
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"pg_test_fsync printed no fdatasync rate:\n{output}");
    }

    [GeneratedRegex(@"fdatasync\s+([\d.]+) ops/sec")]
    private static partial Regex Fdatasync();
}
