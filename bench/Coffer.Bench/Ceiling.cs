using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Coffer.Bench;

/// <summary>`coffer bench-ceiling`: bare Kestrel from the same build, the baseline every throughput ratio divides by.</summary>
public static partial class Ceiling
{
    public static async Task<WrkResult> MeasureAsync(BenchOptions options)
    {
        var start = new ProcessStartInfo(options.Binary, ["bench-ceiling", "--http", "127.0.0.1:0"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {options.Binary}");
        try
        {
            Uri? address = null;
            while (address is null && await process.StandardOutput.ReadLineAsync() is { } line)
                if (Listening().Match(line) is { Success: true } match) address = new Uri(match.Groups[1].Value);
            if (address is null) throw new InvalidOperationException("coffer bench-ceiling did not start");
            var request = new WrkRequest("GET", "/");
            await Wrk.WarmAsync(address, request, options.Warmup, options.Connections);
            return await Wrk.RunAsync(address, request, options.Window, options.Connections);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex Listening();
}
