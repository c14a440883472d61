using System.Net;
using Coffer.Server.Configuration;
using Coffer.Server.Tests.Infrastructure;

namespace Coffer.Server.Tests.Web;

/// <summary>The web UI's files come from the server itself, with a strict content security policy.</summary>
public class UiServingTests
{
    [Fact]
    public async Task The_ui_is_served_even_while_sealed_with_spa_routes_and_security_headers()
    {
        await using var server = await CofferTestServer.StartAsync(StorageKind.Sqlite);

        using var index = await server.Client.GetAsync("/ui/");
        using var route = await server.Client.GetAsync("/ui/machine-accounts");
        using var script = await server.Client.GetAsync("/ui/js/app.js");
        using var missing = await server.Client.GetAsync("/ui/js/nope.js");

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("<script type=\"module\" src=\"/ui/js/app.js\">", await index.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'self'", index.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", index.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(await index.Content.ReadAsStringAsync(), await route.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_root_redirects_to_the_ui()
    {
        await using var server = await CofferTestServer.StartAsync(StorageKind.Sqlite);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Address };

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ui/", response.Headers.Location!.ToString());
    }
}
