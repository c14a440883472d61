using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Coffer.Cli.Tests.Infrastructure;

/// <summary>`coffer server …` as a child process; ready once it prints the addresses it listens on.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    public Uri Http { get; private set; } = null!;
    public Uri? Https { get; private set; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public string Address => Http.ToString().TrimEnd('/');

    public static async Task<ServerProcess> StartAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var process = new Process { StartInfo = CofferBinary.StartInfo(arguments, environment, workingDirectory) };
        var server = new ServerProcess(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Capture(string? line)
        {
            if (line is null) { ready.TrySetException(new InvalidOperationException("coffer server exited:\n" + server.Output)); return; }
            lock (server._output) server._output.AppendLine(line);
            if (Listening().Match(line) is { Success: true } match)
            {
                server.Http = new Uri(match.Groups[1].Value);
                server.Https = match.Groups[2].Success ? new Uri(match.Groups[2].Value) : null;
                ready.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server._output) server._output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://\S+?)(?: and (https://\S+))?$")]
    private static partial Regex Listening();
}
