using System.Diagnostics;
using System.Text;

namespace Coffer.Cli.Tests.Infrastructure;

/// <summary>
/// The published NativeAOT `coffer` binary, as users run it. ./test.sh publishes it to artifacts/bin
/// (or COFFER_BIN names another build); a missing binary fails the tests rather than skipping them.
/// </summary>
public static class CofferBinary
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string Path { get; } = Locate();

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? stdin = null, string? workingDirectory = null)
    {
        using var process = new Process { StartInfo = StartInfo(arguments, environment, workingDirectory) };
        process.StartInfo.RedirectStandardInput = true;
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IDictionary<string, string>? environment, string? workingDirectory)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? System.IO.Path.GetTempPath(),
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // A clean environment for Coffer's own variables, so the developer's shell cannot leak in.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("COFFER_", StringComparison.Ordinal) || k.StartsWith("BWS_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        return info;
    }

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("COFFER_BIN") is { Length: > 0 } configured) return Existing(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Coffer.slnx")))
                return Existing(System.IO.Path.Combine(dir.FullName, "artifacts", "bin", "coffer"));
        throw new InvalidOperationException("cannot find the repository root (Coffer.slnx) above " + AppContext.BaseDirectory);
    }

    private static string Existing(string path) => File.Exists(path) ? path
        : throw new InvalidOperationException($"the published coffer binary is missing at {path}: run ./test.sh, which publishes it (dotnet publish src/Coffer.Cli -c Release -o artifacts/bin)");
}
