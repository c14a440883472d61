using System.Net;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>info, token-info and list-accessors: what a token can learn, about itself and others.</summary>
public abstract class LookupSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    /// <summary>The contract's list for info and token-info (strongbox-token-api.md, "info, and POST /v1/token-info"), every one always present.</summary>
    private static readonly string[] ContractInfoFields =
    [
        "display-name", "accessor", "expires", "policies", "meta", "creation-time", "renewal-time", "entity-id", "orphan",
        "renewable", "ttl", "max-ttl", "explicit-max-ttl", "num-uses", "period", "type", "disabled", "bound-cidrs",
    ];

    private static void AssertContractFields(System.Text.Json.JsonElement info) =>
        Assert.Equal(ContractInfoFields.Order(), info.EnumerateObject().Select(p => p.Name).Order());

    [Fact]
    public async Task Info_returns_exactly_the_contracts_fields_and_never_the_token_or_parent()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "bound-cidrs": ["127.0.0.0/8"]}""");

        var info = await Root.InfoAsync(token.Token);
        var byAccessor = await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{token.Accessor}}"}""")).ExpectAsync(HttpStatusCode.OK);

        AssertContractFields(info);
        AssertContractFields(byAccessor);
        Assert.Equal(token.Accessor, info.Str("accessor"));
        Assert.Equal("default", info.Str("type"));
        Assert.Equal("0s", info.Str("period")); // Coffer has no periodic tokens
        Assert.False(info.GetProperty("disabled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, info.GetProperty("renewal-time").ValueKind);
    }

    [Fact]
    public async Task The_root_tokens_own_lookup_shows_root_an_orphan_that_never_expires()
    {
        var info = await Root.InfoAsync();

        AssertContractFields(info);
        Assert.Equal(["root"], info.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("root", info.Str("display-name"));
        Assert.Equal("root", info.Str("entity-id"));
        Assert.True(info.GetProperty("orphan").GetBoolean());
        Assert.False(info.GetProperty("renewable").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, info.GetProperty("expires").ValueKind);
        Assert.Equal("0s", info.Str("ttl"));
    }

    [Fact]
    public async Task Info_shows_the_renewal_time_after_a_refresh()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        using var self = Server.ClientWithToken(token.Token);
        Server.Clock.Advance(TimeSpan.FromMinutes(10));

        var refreshed = await self.PostAsync($"{Base}/refresh", null).ExpectAsync(HttpStatusCode.OK);
        var info = await self.InfoAsync();

        Assert.Equal(refreshed.Str("renewal-time"), info.Str("renewal-time"));
        Assert.Equal(Server.Clock.GetUtcNow(), DateTimeOffset.Parse(info.Str("renewal-time")));
        Assert.Equal(refreshed.Str("expires"), info.Str("expires"));
    }

    [Fact]
    public async Task Login_answers_token_accessor_expires_renewal_time_and_creation_time()
    {
        var user = Unique("lee");
        await CreateUserAsync(user);

        var login = await LoginAsync(user);

        foreach (var field in new[] { "token", "accessor", "expires", "renewal-time", "creation-time" })
            Assert.Equal(System.Text.Json.JsonValueKind.String, login.Body.GetProperty(field).ValueKind);
        // A fresh token's TTL was last set when it was created: clients schedule their refresh from renewal-time.
        Assert.Equal(login.Body.Str("creation-time"), login.Body.Str("renewal-time"));
    }

    [Fact]
    public async Task A_token_looks_itself_up_with_the_default_policy()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "policies": [], "display-name": "me"}""");
        using var self = Server.ClientWithToken(token.Token);

        var info = await self.InfoAsync();
        var viaTokenInfo = await self.PostAsync("/v1/token-info", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("me", info.Str("display-name"));
        Assert.Equal(["default"], info.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(token.Accessor, viaTokenInfo.Str("accessor"));
    }

    [Fact]
    public async Task The_default_policy_does_not_let_a_token_look_up_another()
    {
        var other = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "policies": []}""");
        using var self = Server.ClientWithToken(token.Token);

        var error = await self.PostAsync($"{Base}/info", Json($$"""{"token": "{{other.Token}}"}""")).ExpectAsync(HttpStatusCode.Forbidden);
        await self.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{other.Accessor}}"}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains("permission denied", error.ErrorMessage());
        Assert.Contains($"{Base}/info", error.ErrorMessage());
    }

    [Fact]
    public async Task Lookup_by_accessor_gives_the_tokens_data_but_not_the_token()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "display-name": "by-accessor"}""");

        var info = await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{token.Accessor}}"}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("by-accessor", info.Str("display-name"));
        Assert.False(info.TryGetProperty("token", out _));
        Assert.DoesNotContain(token.Token, info.GetRawText());
    }

    [Fact]
    public async Task The_ttl_seen_by_accessor_counts_down()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h"}""");

        Server.Clock.Advance(TimeSpan.FromMinutes(20));
        var info = await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{token.Accessor}}"}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("40m", info.Str("ttl"));
    }

    [Fact]
    public async Task Looking_up_an_unknown_token_or_accessor_is_404()
    {
        await Root.PostAsync($"{Base}/info", Json($$"""{"token": "{{Guid.NewGuid()}}"}""")).ExpectAsync(HttpStatusCode.NotFound);
        await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{Guid.NewGuid()}}"}""")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_accessors_shows_exactly_the_callers_entitys_live_tokens()
    {
        var (alice, bob) = (Unique("alice"), Unique("bob"));
        await CreateUserAsync(alice);
        await CreateUserAsync(bob);
        var aliceLogin = await LoginAsync(alice);
        await LoginAsync(bob);
        using var asAlice = Server.ClientWithToken(aliceLogin.Token);
        var child = await asAlice.CreateTokenAsync("""{"ttl": "1h"}""");
        var shortLived = await asAlice.CreateTokenAsync("""{"ttl": "1m"}""");
        var revoked = await asAlice.CreateTokenAsync("""{"ttl": "1h"}""");
        await Root.PostAsync($"{Base}/revoke", Json($$"""{"token": "{{revoked.Token}}"}""")).ExpectAsync(HttpStatusCode.NoContent);
        Server.Clock.Advance(TimeSpan.FromMinutes(2));

        var listed = await asAlice.AccessorsAsync();

        Assert.Equal(new[] { aliceLogin.Accessor, child.Accessor }.Order(), listed.Order());
        Assert.DoesNotContain(shortLived.Accessor, listed);
    }

    [Fact]
    public async Task List_accessors_shows_each_tokens_display_name()
    {
        var user = Unique("carol");
        await CreateUserAsync(user);
        var login = await LoginAsync(user);
        using var asUser = Server.ClientWithToken(login.Token);

        var body = await asUser.PostAsync($"{Base}/list-accessors", null).ExpectAsync(HttpStatusCode.OK);

        var entry = Assert.Single(body.GetProperty("accessors").EnumerateArray());
        Assert.Equal($"userpass-{user}", entry.Str("display-name"));
    }

    [Fact]
    public async Task An_unknown_site_is_404_and_this_sites_name_is_served()
    {
        var error = await Root.PostAsync($"{Base}/list-accessors?site=elsewhere", null).ExpectAsync(HttpStatusCode.NotFound);
        await Root.PostAsync($"{Base}/list-accessors?site=local", null).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("unknown site 'elsewhere'", error.ErrorMessage());
    }

    private async Task CreateUserAsync(string name)
    {
        await Root.PutPolicyAsync("token-maker", $"    - path: {Base}/create-token\n      operations: {{execute: allow}}\n");
        await Root.PutAsync($"/v1/config/users/{name}", Json("""{"password": "correct horse battery", "token-ttl": "2h", "policies": ["token-maker"]}"""))
            .ExpectAsync(HttpStatusCode.OK);
    }

    private async Task<Created> LoginAsync(string name)
    {
        var body = await Server.Client.PostAsync("/v1/login", Json($$"""{"username": "{{name}}", "password": "correct horse battery"}""")).ExpectAsync(HttpStatusCode.OK);
        return new Created(body.Str("token"), body.Str("accessor"), body);
    }
}

public sealed class LookupOnSqlite(SqliteServerFixture fixture) : LookupSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class LookupOnPostgres(PostgresServerFixture fixture) : LookupSpec(fixture), IClassFixture<PostgresServerFixture>;
