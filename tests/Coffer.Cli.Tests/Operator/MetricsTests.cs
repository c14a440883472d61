using System.Text.RegularExpressions;
using Coffer.Cli.Tests.Infrastructure;

namespace Coffer.Cli.Tests.Operator;

/// <summary>/metrics of a server process of its own (metrics are process-wide, so no other server may share it).</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coffer-metrics-").FullName;

    [Fact]
    public async Task Metrics_show_the_seal_state_and_request_counts_in_prometheus_format()
    {
        await using var server = await ServerProcess.StartAsync(["server", "--dev", "--data-dir", _folder, "--http", "127.0.0.1:0", "--https", "127.0.0.1:0"]);
        using var client = new HttpClient { BaseAddress = server.Http };
        (await client.GetAsync("/v1/sys/seal-status")).EnsureSuccessStatusCode();

        // A request's duration is recorded as its response completes, a moment after the client has it.
        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("/v1/sys/seal-status", StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            text = await client.GetStringAsync("/metrics");
        }

        Assert.Matches(new Regex(@"^coffer_seal_sealed\{[^}]*\} 0$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^http_server_request_duration_seconds_count\{[^}]*http_route=""/v1/sys/seal-status""[^}]*\} [1-9]", RegexOptions.Multiline), text);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
