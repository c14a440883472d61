using System.Net;
using System.Text.Json;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>The /api surface over raw HTTP: shapes, status codes and bad input the SDK would not send.</summary>
public abstract class BitwardenApiSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    private async Task<(Guid Org, Guid Project, Guid Secret, Session Session, string Token, Guid Account)> WorldAsync(string access = "read-write")
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var secret = Guid.Parse((await Root.CreateSecretAsync(org, project, "DB_PASS", "hunter2")).Str("id"));
        var account = await Root.CreateMachineAccountAsync(org);
        await Root.GrantAsync(org, account, project, access);
        var token = await Root.MintAccessTokenAsync(org, account);
        return (org, project, secret, await Server.LoginAsync(token), token, account);
    }

    private static StringContent SecretBody(Session session, string key, string value, Guid? project = null) => Json(JsonSerializer.Serialize(new
    {
        key = session.Encrypt(key), value = session.Encrypt(value), note = session.Encrypt(""), projectIds = project is null ? null : new[] { project.Value },
    }));

    [Fact]
    public async Task A_secret_comes_back_with_upstreams_fields_dates_in_utc_and_its_encstrings_as_stored()
    {
        var world = await WorldAsync();
        using var login = world.Session;

        using var response = await world.Session.Client.GetAsync($"/api/secrets/{world.Secret}");
        var body = await response.JsonAsync();

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("secret", body.Str("object"));
        Assert.Equal("DB_PASS", world.Session.Decrypt(body.Str("key")));
        Assert.Equal("hunter2", world.Session.Decrypt(body.Str("value")));
        Assert.Equal(world.Org.ToString(), body.Str("organizationId"));
        Assert.Equal(world.Project.ToString(), body.GetProperty("projects")[0].Str("id"));
        Assert.EndsWith("Z", body.Str("creationDate"));
        Assert.True(body.GetProperty("write").GetBoolean());
    }

    [Fact]
    public async Task Something_missing_or_not_visible_is_a_404_with_upstreams_error_body()
    {
        var world = await WorldAsync();
        using var login = world.Session;

        var body = await world.Session.Client.GetAsync($"/api/secrets/{Guid.NewGuid()}").ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal(["exceptionMessage", "exceptionStackTrace", "innerExceptionMessage", "message", "object", "validationErrors"],
            body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Resource not found.", body.Str("message"));
        Assert.Equal("error", body.Str("object"));
    }

    [Fact]
    public async Task A_revoked_tokens_jwt_is_refused_on_the_next_call()
    {
        var world = await WorldAsync();
        using var login = world.Session;
        await world.Session.Client.GetAsync($"/api/secrets/{world.Secret}").ExpectAsync(HttpStatusCode.OK);

        await Root.PostAsync($"/v1/state/orgs/{world.Org}/machine-accounts/{world.Account}/access-tokens/revoke", Json("""{"all": true}""")).ExpectAsync(HttpStatusCode.OK);

        var body = await world.Session.Client.GetAsync($"/api/secrets/{world.Secret}").ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Unauthorized.", body.Str("message"));
    }

    [Fact]
    public async Task An_expired_tokens_jwt_is_refused_on_the_next_call()
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        var expires = Server.Clock.GetUtcNow().AddMinutes(30).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        using var session = await Server.LoginAsync(await Root.MintAccessTokenAsync(org, account, expires));
        await session.Client.GetAsync($"/api/organizations/{org}/projects").ExpectAsync(HttpStatusCode.OK);

        Server.Clock.Advance(TimeSpan.FromMinutes(31));

        await session.Client.GetAsync($"/api/organizations/{org}/projects").ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Fields_that_are_not_encstrings_or_too_long_are_refused_and_nothing_is_created()
    {
        var world = await WorldAsync();
        using var login = world.Session;
        var create = $"/api/organizations/{world.Org}/secrets";

        var plain = await world.Session.Client.PostAsync(create, Json($$"""{"key": "PLAIN", "value": "{{world.Session.Encrypt("v")}}", "note": "{{world.Session.Encrypt("")}}", "projectIds": ["{{world.Project}}"]}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var huge = await world.Session.Client.PostAsync(create, SecretBody(world.Session, "K", new string('x', 30_000), world.Project)).ExpectAsync(HttpStatusCode.BadRequest);
        var otherKey = await world.Session.Client.PostAsync(create, Json($$"""{"key": "{{Coffer.Core.Bitwarden.EncString.Encrypt(Coffer.Core.Bitwarden.SymmetricKey.Generate(), "K")}}", "value": "{{world.Session.Encrypt("v")}}", "note": "{{world.Session.Encrypt("")}}", "projectIds": ["{{world.Project}}"]}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var twoProjects = await world.Session.Client.PostAsync(create, Json(JsonSerializer.Serialize(new
        {
            key = world.Session.Encrypt("K"), value = world.Session.Encrypt("v"), note = world.Session.Encrypt(""), projectIds = new[] { world.Project, Guid.NewGuid() },
        }))).ExpectAsync(HttpStatusCode.BadRequest);
        var list = await world.Session.Client.GetAsync($"/api/organizations/{world.Org}/secrets").ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("is not an EncString", plain.GetProperty("validationErrors").GetProperty("Key")[0].GetString());
        Assert.Contains("at most 35000", huge.GetProperty("validationErrors").GetProperty("Value")[0].GetString());
        Assert.Contains("not encrypted with this organization's key", otherKey.GetProperty("validationErrors").GetProperty("Key")[0].GetString());
        Assert.Equal("Only one project assignment is supported.", twoProjects.GetProperty("validationErrors").GetProperty("ProjectIds")[0].GetString());
        Assert.Single(list.GetProperty("secrets").EnumerateArray());
    }

    [Fact]
    public async Task Get_by_ids_refuses_duplicates_answers_an_empty_list_for_none_and_404_for_any_unknown()
    {
        var world = await WorldAsync();
        using var login = world.Session;

        var duplicates = await world.Session.Client.PostAsync("/api/secrets/get-by-ids", Json($$"""{"ids": ["{{world.Secret}}", "{{world.Secret}}"]}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var none = await world.Session.Client.PostAsync("/api/secrets/get-by-ids", Json("""{"ids": []}""")).ExpectAsync(HttpStatusCode.OK);
        await world.Session.Client.PostAsync("/api/secrets/get-by-ids", Json($$"""{"ids": ["{{world.Secret}}", "{{Guid.NewGuid()}}"]}""")).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal("The model state is invalid.", duplicates.Str("message"));
        Assert.True(duplicates.GetProperty("validationErrors").TryGetProperty("Ids", out _));
        Assert.Empty(none.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Sync_refuses_a_future_date_and_follows_the_machine_accounts_revision()
    {
        var world = await WorldAsync("read");
        using var login = world.Session;
        string Sync(DateTimeOffset t) => $"/api/organizations/{world.Org}/secrets/sync?lastSyncedDate={Uri.EscapeDataString(t.ToString("O"))}";

        var future = await world.Session.Client.GetAsync(Sync(Server.Clock.GetUtcNow().AddHours(1))).ExpectAsync(HttpStatusCode.BadRequest);
        Server.Clock.Advance(TimeSpan.FromSeconds(10));
        var unchanged = await world.Session.Client.GetAsync(Sync(Server.Clock.GetUtcNow().AddSeconds(-1))).ExpectAsync(HttpStatusCode.OK);
        var since = Server.Clock.GetUtcNow();
        Server.Clock.Advance(TimeSpan.FromSeconds(10));
        await Root.PatchAsync($"{Orgs}/{world.Org}/projects/{world.Project}/secrets/{world.Secret}", Json("""{"value": "rotated"}""")).ExpectAsync(HttpStatusCode.OK);
        var changed = await world.Session.Client.GetAsync(Sync(since)).ExpectAsync(HttpStatusCode.OK);
        var first = await world.Session.Client.GetAsync($"/api/organizations/{world.Org}/secrets/sync").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Last synced date must be in the past.", future.Str("message"));
        Assert.False(unchanged.GetProperty("hasChanges").GetBoolean());
        Assert.Equal(JsonValueKind.Null, unchanged.GetProperty("secrets").ValueKind);
        Assert.True(changed.GetProperty("hasChanges").GetBoolean());
        Assert.Equal("rotated", world.Session.Decrypt(changed.GetProperty("secrets").GetProperty("data")[0].Str("value")));
        Assert.True(first.GetProperty("hasChanges").GetBoolean());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-45T00:00:00Z")]
    [InlineData("1714558272")]
    public async Task Sync_refuses_a_last_synced_date_that_is_not_a_date(string lastSynced)
    {
        var world = await WorldAsync("read");
        using var login = world.Session;

        var body = await world.Session.Client.GetAsync($"/api/organizations/{world.Org}/secrets/sync?lastSyncedDate={Uri.EscapeDataString(lastSynced)}")
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("The model state is invalid.", body.Str("message"));
        Assert.True(body.GetProperty("validationErrors").TryGetProperty("lastSyncedDate", out _));
    }

    [Fact]
    public async Task Sync_accepts_the_dates_rust_clients_send()
    {
        var world = await WorldAsync("read");
        using var login = world.Session;
        Server.Clock.Advance(TimeSpan.FromSeconds(1));

        foreach (var date in new[] { "0001-01-01T00:00:00+00:00", "2024-05-01T10:11:12.123456789+00:00", "2024-05-01T10:11:12Z" })
        {
            var body = await world.Session.Client.GetAsync($"/api/organizations/{world.Org}/secrets/sync?lastSyncedDate={Uri.EscapeDataString(date)}").ExpectAsync(HttpStatusCode.OK);
            Assert.True(body.GetProperty("hasChanges").GetBoolean());
        }
    }

    [Fact]
    public async Task An_edit_through_the_bitwarden_api_keeps_the_previous_value_as_a_version()
    {
        var world = await WorldAsync();
        using var login = world.Session;

        var updated = await world.Session.Client.PutAsync($"/api/secrets/{world.Secret}", SecretBody(world.Session, "DB_PASS", "rotated")).ExpectAsync(HttpStatusCode.OK);
        var versions = await Root.GetAsync($"{Orgs}/{world.Org}/projects/{world.Project}/secrets/{world.Secret}/versions").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("rotated", world.Session.Decrypt(updated.Str("value")));
        Assert.Equal(["hunter2"], versions.GetProperty("versions").EnumerateArray().Select(v => v.Str("value")));
    }

    [Fact]
    public async Task Deleting_with_an_unknown_id_deletes_nothing()
    {
        var world = await WorldAsync();
        using var login = world.Session;

        await world.Session.Client.PostAsync("/api/secrets/delete", Json($$"""["{{world.Secret}}", "{{Guid.NewGuid()}}"]""")).ExpectAsync(HttpStatusCode.NotFound);

        await world.Session.Client.GetAsync($"/api/secrets/{world.Secret}").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_native_token_is_not_a_bitwarden_credential()
    {
        var world = await WorldAsync();
        using var login = world.Session;

        await Root.GetAsync($"/api/secrets/{world.Secret}").ExpectAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class BitwardenApiOnSqlite(SqliteServerFixture fixture) : BitwardenApiSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class BitwardenApiOnPostgres(PostgresServerFixture fixture) : BitwardenApiSpec(fixture), IClassFixture<PostgresServerFixture>;
