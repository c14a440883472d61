using System.Net;
using Coffer.Core.Bitwarden;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.MachineAccounts;

/// <summary>One access token at a time: read it, rename it (its last-edited date moves), revoke exactly what was named.</summary>
public abstract class AccessTokenApiSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    private async Task<(Guid Org, Guid Account, string Token, string Path)> TokenAsync()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var token = await Root.MintAccessTokenAsync(org, account);
        return (org, account, token, $"{Orgs}/{org}/machine-accounts/{account}/access-tokens/{AccessToken.Parse(token).Id}");
    }

    [Fact]
    public async Task A_token_is_read_by_id_without_its_secret()
    {
        var (_, _, token, path) = await TokenAsync();

        var read = await Root.GetAsync(path).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(AccessToken.Parse(token).Id.ToString(), read.Str("id"));
        Assert.Equal("test token", read.Str("name"));
        Assert.False(read.TryGetProperty("token", out _));
        Assert.DoesNotContain(AccessToken.Parse(token).ClientSecret, read.GetRawText());
        Assert.False(read.GetProperty("expired").GetBoolean());
    }

    [Fact]
    public async Task Renaming_a_token_moves_its_last_edited_date_and_keeps_it_working()
    {
        var (org, _, token, path) = await TokenAsync();
        var created = Server.Clock.GetUtcNow();
        Server.Clock.Advance(TimeSpan.FromMinutes(1));

        var renamed = await Root.PatchAsync(path, Json("""{"name": "  deploy  "}""")).ExpectAsync(HttpStatusCode.OK);
        var read = await Root.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        using var session = await Server.LoginAsync(token);
        await session.Client.GetAsync($"/api/organizations/{org}/projects").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("deploy", renamed.Str("name"));
        Assert.False(renamed.TryGetProperty("token", out _));
        Assert.Equal(renamed.GetRawText(), read.GetRawText());
        Assert.Equal(created, DateTimeOffset.Parse(read.Str("creation-time"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Server.Clock.GetUtcNow(), DateTimeOffset.Parse(read.Str("revision-time"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_bad_rename_is_refused_and_changes_nothing()
    {
        var (_, _, _, path) = await TokenAsync();

        var blank = await Root.PatchAsync(path, Json("""{"name": "   "}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var tooLong = await Root.PatchAsync(path, Json($$"""{"name": "{{new string('n', 201)}}"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var unknown = await Root.PatchAsync(path, Json("""{"name": "x", "expires": "2030-01-01T00:00:00Z"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var read = await Root.GetAsync(path).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("name:", blank.ErrorMessage());
        Assert.Contains("name:", tooLong.ErrorMessage());
        Assert.Contains("unknown field 'expires'", unknown.ErrorMessage());
        Assert.Equal("test token", read.Str("name"));
    }

    [Fact]
    public async Task A_token_of_another_machine_account_or_an_unknown_one_is_not_found()
    {
        var (org, _, token, _) = await TokenAsync();
        var other = await Root.CreateMachineAccountAsync(org, "other");
        var elsewhere = $"{Orgs}/{org}/machine-accounts/{other}/access-tokens/{AccessToken.Parse(token).Id}";

        await Root.GetAsync(elsewhere).ExpectAsync(HttpStatusCode.NotFound);
        await Root.PatchAsync(elsewhere, Json("""{"name": "stolen"}""")).ExpectAsync(HttpStatusCode.NotFound);
        await Root.GetAsync($"{Orgs}/{org}/machine-accounts/{other}/access-tokens/{Guid.NewGuid()}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Revoking_ids_that_belong_to_another_machine_account_revokes_nothing()
    {
        var (org, _, token, path) = await TokenAsync();
        var other = await Root.CreateMachineAccountAsync(org, "other");

        var result = await Root.PostAsync($"/v1/state/orgs/{org}/machine-accounts/{other}/access-tokens/revoke",
            Json($$"""{"ids": ["{{AccessToken.Parse(token).Id}}"]}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, result.GetProperty("revoked").GetInt32());
        await Root.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
        using var session = await Server.LoginAsync(token);
        await session.Client.GetAsync($"/api/organizations/{org}/projects").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revoking_one_token_leaves_the_others_working()
    {
        var (org, account, first, _) = await TokenAsync();
        var second = await Root.MintAccessTokenAsync(org, account);
        using var firstSession = await Server.LoginAsync(first);
        using var secondSession = await Server.LoginAsync(second);

        await Root.PostAsync($"/v1/state/orgs/{org}/machine-accounts/{account}/access-tokens/revoke",
            Json($$"""{"ids": ["{{AccessToken.Parse(first).Id}}"]}""")).ExpectAsync(HttpStatusCode.OK);

        await firstSession.Client.GetAsync($"/api/organizations/{org}/projects").ExpectAsync(HttpStatusCode.Unauthorized);
        await secondSession.Client.GetAsync($"/api/organizations/{org}/projects").ExpectAsync(HttpStatusCode.OK);
        using var again = await Server.LoginAsync(second);
        var parsed = AccessToken.Parse(first);
        await Server.Client.PostAsync("/identity/connect/token", LoginForm(parsed.Id.ToString(), parsed.ClientSecret)).ExpectAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class AccessTokenApiOnSqlite(SqliteServerFixture fixture) : AccessTokenApiSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AccessTokenApiOnPostgres(PostgresServerFixture fixture) : AccessTokenApiSpec(fixture), IClassFixture<PostgresServerFixture>;
