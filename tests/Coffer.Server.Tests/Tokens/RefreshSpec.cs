using System.Net;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>refresh: resets the TTL from now, never adds, never passes the max.</summary>
public abstract class RefreshSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    private async Task<(HttpClient Client, Created Token)> TokenAsync(string json)
    {
        var token = await Root.CreateTokenAsync(json);
        return (Server.ClientWithToken(token.Token), token);
    }

    [Fact]
    public async Task Refresh_resets_the_ttl_from_now_to_the_original_ttl()
    {
        var (client, _) = await TokenAsync("""{"ttl": "1h"}""");
        using var _client = client;
        Server.Clock.Advance(TimeSpan.FromMinutes(45));

        var refreshed = await client.PostAsync($"{Base}/refresh", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(3600, refreshed.GetProperty("expires-in").GetInt64());
        Assert.Equal(Server.Clock.GetUtcNow().AddHours(1), DateTimeOffset.Parse(refreshed.Str("expires")));
        Assert.Equal(Server.Clock.GetUtcNow(), DateTimeOffset.Parse(refreshed.Str("renewal-time")));
    }

    [Fact]
    public async Task Refresh_with_an_increment_sets_that_ttl_and_never_adds()
    {
        var (client, _) = await TokenAsync("""{"ttl": "2h"}""");
        using var _client = client;

        var refreshed = await client.PostAsync($"{Base}/refresh", Json("""{"increment": "30m"}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(1800, refreshed.GetProperty("expires-in").GetInt64());
    }

    [Fact]
    public async Task Refresh_never_passes_the_explicit_max_ttl()
    {
        var (client, _) = await TokenAsync("""{"ttl": "5s", "explicit-max-ttl": "4s"}""");
        using var _client = client;
        var info = await client.InfoAsync();
        Server.Clock.Advance(TimeSpan.FromSeconds(2));

        var refreshed = await client.PostAsync($"{Base}/refresh", Json("""{"increment": "1h"}""")).ExpectAsync(HttpStatusCode.OK);
        Server.Clock.Advance(TimeSpan.FromSeconds(2));
        var gone = await client.PostAsync($"{Base}/refresh", null);

        Assert.Equal("4s", info.Str("ttl"));
        Assert.Equal(2, refreshed.GetProperty("expires-in").GetInt64());
        Assert.Contains("capped", refreshed.GetProperty("warnings")[0].GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
    }

    [Fact]
    public async Task Refresh_never_passes_the_servers_max_ttl_counted_from_creation()
    {
        var (client, _) = await TokenAsync("""{"ttl": "30d"}""");
        using var _client = client;
        Server.Clock.Advance(TimeSpan.FromDays(29));

        var refreshed = await client.PostAsync($"{Base}/refresh", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((long)TimeSpan.FromDays(3).TotalSeconds, refreshed.GetProperty("expires-in").GetInt64());
    }

    [Fact]
    public async Task A_child_refreshed_cannot_outlive_its_parent()
    {
        var parent = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asParent = Server.ClientWithToken(parent.Token);
        var child = await asParent.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asChild = Server.ClientWithToken(child.Token);
        Server.Clock.Advance(TimeSpan.FromMinutes(55));

        var refreshed = await asChild.PostAsync($"{Base}/refresh", Json("""{"increment": "1h"}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(300, refreshed.GetProperty("expires-in").GetInt64());
    }

    [Fact]
    public async Task A_token_created_not_renewable_cannot_be_refreshed()
    {
        var (client, _) = await TokenAsync("""{"ttl": "1h", "renewable": false}""");
        using var _client = client;

        var error = await client.PostAsync($"{Base}/refresh", null).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("not renewable", error.ErrorMessage());
    }
}

public sealed class RefreshOnSqlite(SqliteServerFixture fixture) : RefreshSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class RefreshOnPostgres(PostgresServerFixture fixture) : RefreshSpec(fixture), IClassFixture<PostgresServerFixture>;
