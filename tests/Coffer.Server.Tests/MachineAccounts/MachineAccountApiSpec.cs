using System.Net;
using Coffer.Core.Bitwarden;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.MachineAccounts;

/// <summary>Machine accounts, grants and access tokens through the native API.</summary>
public abstract class MachineAccountApiSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    [Fact]
    public async Task An_access_token_is_shown_once_in_bitwarden_form_and_never_stored()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);

        var created = await Root.PostAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens", Json("""{"name": "deploy"}""")).ExpectAsync(HttpStatusCode.Created);
        var list = await Root.GetAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens").ExpectAsync(HttpStatusCode.OK);

        var token = AccessToken.Parse(created.Str("token"));
        Assert.Equal(created.Str("id"), token.Id.ToString());
        Assert.Equal(30, token.ClientSecret.Length);
        var listed = Assert.Single(list.GetProperty("access-tokens").EnumerateArray());
        Assert.Equal("deploy", listed.Str("name"));
        Assert.False(listed.TryGetProperty("expires", out _));
        Assert.DoesNotContain(token.ClientSecret, list.GetRawText());
        var stored = Directory.GetFiles(Server.Storage.Folder, "coffer.db*").SelectMany(File.ReadAllBytes).ToArray();
        if (stored.Length > 0)
        {
            Assert.Equal(-1, stored.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(token.ClientSecret)));
            Assert.Equal(-1, stored.AsSpan().IndexOf(token.EncryptionKey));
        }
    }

    [Fact]
    public async Task An_expiry_in_the_past_is_refused()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);

        var error = await Root.PostAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens", Json("""{"name": "old", "expires": "2020-01-01T00:00:00Z"}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("is in the past", error.ErrorMessage());
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2030-01-01T00:00:00")]
    [InlineData("2030-01-01")]
    [InlineData("2030-13-01T00:00:00Z")]
    public async Task An_expiry_must_be_an_rfc3339_date_with_a_zone_and_the_error_names_the_field(string expires)
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);

        var error = await Root.PostAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens", Json($$"""{"name": "t", "expires": "{{expires}}"}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var list = await Root.GetAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens").ExpectAsync(HttpStatusCode.OK);

        Assert.StartsWith("expires:", error.ErrorMessage());
        Assert.Contains("RFC 3339", error.ErrorMessage());
        Assert.Empty(list.GetProperty("access-tokens").EnumerateArray());
    }

    [Theory]
    [InlineData("2030-01-01T00:00:00Z", "2030-01-01T00:00:00.000000Z")]
    [InlineData("2030-01-01T02:00:00.5+02:00", "2030-01-01T00:00:00.500000Z")]
    public async Task An_expiry_with_a_zone_is_kept_in_utc(string expires, string stored)
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);

        var created = await Root.PostAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens", Json($$"""{"name": "t", "expires": "{{expires}}"}"""))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(stored, created.Str("expires"));
    }

    [Fact]
    public async Task Revoking_an_id_that_is_not_a_uuid_says_a_uuid_is_expected()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var token = await Root.MintAccessTokenAsync(org, account);

        var error = await Root.PostAsync($"/v1/state/orgs/{org}/machine-accounts/{account}/access-tokens/revoke",
            Json($$"""{"ids": ["{{AccessToken.Parse(token).Id}}", "nope"]}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("ids[1]", error.ErrorMessage());
        Assert.Contains("UUID", error.ErrorMessage());
        using var session = await Server.LoginAsync(token);
    }

    [Fact]
    public async Task Login_records_when_a_token_was_last_used()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var token = await Root.MintAccessTokenAsync(org, account);

        using var session = await Server.LoginAsync(token);
        var listed = await Root.GetAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Server.Clock.GetUtcNow(), DateTimeOffset.Parse(listed.GetProperty("access-tokens")[0].Str("last-used")));
    }

    [Fact]
    public async Task Every_call_made_with_a_jwt_records_when_its_token_was_last_used()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var token = await Root.MintAccessTokenAsync(org, account);
        using var session = await Server.LoginAsync(token);
        async Task<DateTimeOffset> LastUsedAsync() => DateTimeOffset.Parse((await Root.GetAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens")
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("access-tokens")[0].Str("last-used"), System.Globalization.CultureInfo.InvariantCulture);

        Server.Clock.Advance(TimeSpan.FromMinutes(10));
        await session.Client.GetAsync($"/api/organizations/{org}/projects").ExpectAsync(HttpStatusCode.OK);
        var afterApi = await LastUsedAsync();
        Server.Clock.Advance(TimeSpan.FromMinutes(10));
        await session.Client.GetAsync($"{Orgs}/{org}/projects").ExpectAsync(HttpStatusCode.OK);
        var afterNative = await LastUsedAsync();

        Assert.Equal(Server.Clock.GetUtcNow() - TimeSpan.FromMinutes(10), afterApi);
        Assert.Equal(Server.Clock.GetUtcNow(), afterNative);
    }

    [Fact]
    public async Task Tokens_are_revoked_one_several_or_all_at_once()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var tokens = new List<string>();
        for (var i = 0; i < 4; i++) tokens.Add(await Root.MintAccessTokenAsync(org, account));
        var revoke = $"/v1/state/orgs/{org}/machine-accounts/{account}/access-tokens/revoke";
        string Id(int i) => AccessToken.Parse(tokens[i]).Id.ToString();

        var one = await Root.PostAsync(revoke, Json($$"""{"ids": ["{{Id(0)}}"]}""")).ExpectAsync(HttpStatusCode.OK);
        var two = await Root.PostAsync(revoke, Json($$"""{"ids": ["{{Id(1)}}", "{{Id(2)}}"]}""")).ExpectAsync(HttpStatusCode.OK);
        var all = await Root.PostAsync(revoke, Json("""{"all": true}""")).ExpectAsync(HttpStatusCode.OK);
        var neither = await Root.PostAsync(revoke, Json("{}")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal([1, 2, 1], new[] { one, two, all }.Select(r => r.GetProperty("revoked").GetInt32()));
        Assert.Contains("either ids", neither.ErrorMessage());
        var list = await Root.GetAsync($"{Orgs}/{org}/machine-accounts/{account}/access-tokens").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(list.GetProperty("access-tokens").EnumerateArray());
    }

    [Fact]
    public async Task Grants_are_read_or_read_write_on_projects_of_the_same_organization()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var otherOrgProject = await Root.CreateProjectAsync(await Root.CreateOrganizationAsync("other"));
        var account = await Root.CreateMachineAccountAsync(org);
        var grants = $"{Orgs}/{org}/machine-accounts/{account}/grants";

        await Root.GrantAsync(org, account, project, "read");
        await Root.GrantAsync(org, account, project, "read-write");
        var bad = await Root.PutAsync($"{grants}/{project}", Json("""{"access": "admin"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        await Root.PutAsync($"{grants}/{otherOrgProject}", Json("""{"access": "read"}""")).ExpectAsync(HttpStatusCode.NotFound);
        var listed = await Root.GetAsync(grants).ExpectAsync(HttpStatusCode.OK);
        await Root.DeleteAsync($"{grants}/{project}").ExpectAsync(HttpStatusCode.NoContent);
        await Root.DeleteAsync($"{grants}/{project}").ExpectAsync(HttpStatusCode.NotFound);

        Assert.Contains("access: give read or read-write", bad.ErrorMessage());
        var grant = Assert.Single(listed.GetProperty("grants").EnumerateArray());
        Assert.Equal("read-write", grant.Str("access"));
    }

    [Fact]
    public async Task A_machine_accounts_jwt_acts_on_the_native_api_within_its_grants()
    {
        var org = await Root.CreateOrganizationAsync();
        var granted = await Root.CreateProjectAsync(org, "granted");
        var hidden = await Root.CreateProjectAsync(org, "hidden");
        var secret = await Root.CreateSecretAsync(org, granted, "K", "visible");
        await Root.CreateSecretAsync(org, hidden, "K", "hidden");
        var account = await Root.CreateMachineAccountAsync(org);
        await Root.GrantAsync(org, account, granted, "read");
        using var session = await Server.LoginAsync(await Root.MintAccessTokenAsync(org, account));

        var read = await session.Client.GetAsync($"{Orgs}/{org}/projects/{granted}/secrets/{secret.Str("id")}").ExpectAsync(HttpStatusCode.OK);
        var projects = await session.Client.GetAsync($"{Orgs}/{org}/projects").ExpectAsync(HttpStatusCode.OK);
        await session.Client.GetAsync($"{Orgs}/{org}/projects/{hidden}/secrets").ExpectAsync(HttpStatusCode.Forbidden);
        await session.Client.PostAsync($"{Orgs}/{org}/projects/{granted}/secrets", Json("""{"key": "X", "value": "y"}""")).ExpectAsync(HttpStatusCode.Forbidden);
        await session.Client.PostAsync("/v1/state/strongbox/token/create-token", Json("{}")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Equal("visible", read.Str("value"));
        Assert.Equal([granted.ToString()], projects.GetProperty("projects").EnumerateArray().Select(p => p.Str("id")));
    }

    [Fact]
    public async Task Deleting_a_machine_account_revokes_its_tokens()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var account = await Root.CreateMachineAccountAsync(org);
        await Root.GrantAsync(org, account, project, "read");
        var token = await Root.MintAccessTokenAsync(org, account);
        using var session = await Server.LoginAsync(token);

        await Root.DeleteAsync($"{Orgs}/{org}/machine-accounts/{account}").ExpectAsync(HttpStatusCode.NoContent);

        await session.Client.GetAsync($"/api/organizations/{org}/projects").ExpectAsync(HttpStatusCode.Unauthorized);
        var parsed = AccessToken.Parse(token);
        await Server.Client.PostAsync("/identity/connect/token", LoginForm(parsed.Id.ToString(), parsed.ClientSecret)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await Server.Services.GetRequiredService<Database>().ReadAsync(c => c.Sql("SELECT count(*) FROM access_tokens WHERE machine_account_id = @id").With("id", account).ScalarAsync<long>()));
    }
}

public sealed class MachineAccountApiOnSqlite(SqliteServerFixture fixture) : MachineAccountApiSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class MachineAccountApiOnPostgres(PostgresServerFixture fixture) : MachineAccountApiSpec(fixture), IClassFixture<PostgresServerFixture>;
