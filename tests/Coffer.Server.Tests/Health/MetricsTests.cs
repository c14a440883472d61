using System.Net;
using Coffer.Server.Configuration;
using Coffer.Server.Tests.Infrastructure;

namespace Coffer.Server.Tests.Health;

public class MetricsTests
{
    [Fact]
    public async Task Metrics_show_the_seal_state_and_request_counts_in_prometheus_format()
    {
        await using var server = await CofferTestServer.StartAsync(StorageKind.Sqlite);
        await server.InitializeAndUnsealAsync();
        await server.Client.GetAsync("/v1/sys/seal-status").ExpectAsync(HttpStatusCode.OK);

        // The request's duration is recorded as its response completes, a moment after the client has it.
        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains("/v1/sys/seal-status", StringComparison.Ordinal); attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            using var response = await server.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
        }

        Assert.Matches(@"(?m)^coffer_seal_sealed\{[^}]*\} 0$", text);
        Assert.Matches(@"(?m)^http_server_request_duration_seconds_count\{[^}]*http_route=""/v1/sys/seal-status""[^}]*\} [1-9]", text);
    }
}
