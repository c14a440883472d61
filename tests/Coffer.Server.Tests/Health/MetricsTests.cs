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

        using var response = await server.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"(?m)^coffer_seal_sealed\{[^}]*\} 0$", text);
        Assert.Matches(@"(?m)^http_server_request_duration_seconds_count\{[^}]*http_route=""/v1/sys/seal-status""[^}]*\} [1-9]", text);
    }
}
