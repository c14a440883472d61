using System.Net;
using System.Text;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Secrets;

/// <summary>The native secrets API: plaintext in and out, EncStrings at rest, lookup by name, versions.</summary>
public abstract class SecretsApiSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    [Fact]
    public async Task A_secret_reads_back_as_written_and_lists_show_keys_without_values()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var created = await Root.CreateSecretAsync(org, project, "DB_PASS", " hunter2 ", "rotated monthly");

        var read = await Root.GetAsync($"{Orgs}/{org}/projects/{project}/secrets/{created.Str("id")}").ExpectAsync(HttpStatusCode.OK);
        var list = await Root.GetAsync($"{Orgs}/{org}/projects/{project}/secrets").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(" hunter2 ", read.Str("value"));
        Assert.Equal("rotated monthly", read.Str("note"));
        Assert.Equal(project.ToString(), read.Str("project-id"));
        var listed = Assert.Single(list.GetProperty("secrets").EnumerateArray());
        Assert.Equal("DB_PASS", listed.Str("key"));
        Assert.False(listed.TryGetProperty("value", out _));
    }

    [Fact]
    public async Task A_secret_is_found_by_name_within_its_project()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var other = await Root.CreateProjectAsync(org, "other");
        var wanted = await Root.CreateSecretAsync(org, project, "API_KEY", "one");
        await Root.CreateSecretAsync(org, project, "OTHER_KEY", "two");
        await Root.CreateSecretAsync(org, other, "API_KEY", "three");

        var found = await Root.GetAsync($"{Orgs}/{org}/projects/{project}/secrets?key=API_KEY").ExpectAsync(HttpStatusCode.OK);
        var none = await Root.GetAsync($"{Orgs}/{org}/projects/{project}/secrets?key=api_key").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([wanted.Str("id")], found.GetProperty("secrets").EnumerateArray().Select(s => s.Str("id")));
        Assert.Empty(none.GetProperty("secrets").EnumerateArray());
    }

    [Fact]
    public async Task Secret_fields_are_stored_encrypted_under_the_organization_key()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org, "plain-project-name-canary");
        var secret = await Root.CreateSecretAsync(org, project, "PLAIN_KEY_CANARY", "plain-value-canary", "plain-note-canary");

        var row = await Server.Services.GetRequiredService<Database>().ReadAsync(c => c.Sql("SELECT key, value, note FROM secrets WHERE id = @id")
            .With("id", Guid.Parse(secret.Str("id"))).SingleOrDefaultAsync(r => new[] { r.GetString(0), r.GetString(1), r.GetString(2) }));
        var name = await Server.Services.GetRequiredService<Database>().ReadAsync(c => c.Sql("SELECT name FROM projects WHERE id = @id").With("id", project).ScalarAsync<string>());

        Assert.All(row!, field => Assert.StartsWith("2.", field));
        Assert.DoesNotContain(row!, field => field.Contains("canary", StringComparison.Ordinal));
        Assert.StartsWith("2.", name);
    }

    [Fact]
    public async Task Every_value_change_keeps_the_previous_version_and_an_old_one_can_be_restored()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var id = (await Root.CreateSecretAsync(org, project, "TOKEN", "v1")).Str("id");
        var path = $"{Orgs}/{org}/projects/{project}/secrets/{id}";
        await Root.PatchAsync(path, Json("""{"value": "v2"}""")).ExpectAsync(HttpStatusCode.OK);
        await Root.PatchAsync(path, Json("""{"note": "only the note"}""")).ExpectAsync(HttpStatusCode.OK);
        await Root.PatchAsync(path, Json("""{"value": "v3"}""")).ExpectAsync(HttpStatusCode.OK);

        var versions = await Root.GetAsync($"{path}/versions").ExpectAsync(HttpStatusCode.OK);
        var restored = await Root.PostAsync($"/v1/state/orgs/{org}/projects/{project}/secrets/{id}/restore-version", Json("""{"version": 1}"""))
            .ExpectAsync(HttpStatusCode.OK);
        var after = await Root.GetAsync($"{path}/versions").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["v2", "v1"], versions.GetProperty("versions").EnumerateArray().Select(v => v.Str("value")));
        Assert.Equal("v1", restored.Str("value"));
        Assert.Equal(4, restored.GetProperty("version").GetInt32());
        Assert.Equal(["v3", "v2", "v1"], after.GetProperty("versions").EnumerateArray().Select(v => v.Str("value")));
        await Root.PostAsync($"/v1/state/orgs/{org}/projects/{project}/secrets/{id}/restore-version", Json("""{"version": 42}""")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Restoring_a_version_that_does_not_exist_is_a_404_and_changes_nothing()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var id = (await Root.CreateSecretAsync(org, project, "TOKEN", "v1")).Str("id");
        var otherId = (await Root.CreateSecretAsync(org, project, "OTHER", "o1")).Str("id");
        await Root.PatchAsync($"{Orgs}/{org}/projects/{project}/secrets/{otherId}", Json("""{"value": "o2"}""")).ExpectAsync(HttpStatusCode.OK);
        string Restore(string secret) => $"/v1/state/orgs/{org}/projects/{project}/secrets/{secret}/restore-version";

        var never = await Root.PostAsync(Restore(id), Json("""{"version": 1}""")).ExpectAsync(HttpStatusCode.NotFound);
        await Root.PostAsync(Restore(id), Json("""{"version": 0}""")).ExpectAsync(HttpStatusCode.NotFound);
        await Root.PostAsync(Restore(Guid.NewGuid().ToString()), Json("""{"version": 1}""")).ExpectAsync(HttpStatusCode.NotFound);
        var missing = await Root.PostAsync(Restore(id), Json("{}")).ExpectAsync(HttpStatusCode.BadRequest);
        var read = await Root.GetAsync($"{Orgs}/{org}/projects/{project}/secrets/{id}").ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("has no version 1", never.ErrorMessage());
        Assert.Contains("version:", missing.ErrorMessage());
        Assert.Equal("v1", read.Str("value"));
        Assert.Equal(1, read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Lists_are_paginated()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        for (var i = 0; i < 5; i++) await Root.CreateSecretAsync(org, project, $"K{i}", "v");

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Root.GetAsync($"{Orgs}/{org}/projects/{project}/secrets?limit=2{(after is null ? "" : $"&after={after}")}").ExpectAsync(HttpStatusCode.OK);
            var keys = page.GetProperty("secrets").EnumerateArray().Select(s => s.Str("key")).ToList();
            Assert.True(keys.Count <= 2);
            seen.AddRange(keys);
            after = page.TryGetProperty("next-after", out var next) ? next.GetString() : null;
        } while (after is not null);

        Assert.Equal(["K0", "K1", "K2", "K3", "K4"], seen.Order());
    }

    [Fact]
    public async Task Bad_secret_requests_are_refused_and_change_nothing()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var path = $"{Orgs}/{org}/projects/{project}/secrets";

        var noKey = await Root.PostAsync(path, Json("""{"value": "v"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var blankKey = await Root.PostAsync(path, Json("""{"key": "   ", "value": "v"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var huge = await Root.PostAsync(path, Json($$"""{"key": "K", "value": "{{new string('x', 25_001)}}"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var unknown = await Root.PostAsync(path, Json("""{"key": "K", "value": "v", "colour": "red"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var wrongProject = await Root.PostAsync($"{Orgs}/{org}/projects/{Guid.NewGuid()}/secrets", Json("""{"key": "K", "value": "v"}""")).ExpectAsync(HttpStatusCode.NotFound);
        var list = await Root.GetAsync(path).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("key: give 1 to 500 characters", noKey.ErrorMessage());
        Assert.Contains("key:", blankKey.ErrorMessage());
        Assert.Contains("value: give 1 to 25000 characters", huge.ErrorMessage());
        Assert.Contains("unknown field 'colour'", unknown.ErrorMessage());
        Assert.Contains("no project", wrongProject.ErrorMessage());
        Assert.Empty(list.GetProperty("secrets").EnumerateArray());
    }

    [Fact]
    public async Task A_token_reads_only_what_its_policy_allows()
    {
        var org = await Root.CreateOrganizationAsync();
        var project = await Root.CreateProjectAsync(org);
        var secret = await Root.CreateSecretAsync(org, project, "K", "v");
        var policy = TokenSteps.Unique("project-reader");
        await Root.PutPolicyAsync(policy, $"    - path: {Orgs}/{org}/projects/{project}/**\n      operations: {{read: allow}}\n");
        var token = await Root.CreateTokenAsync($$"""{"ttl": "1h", "policies": ["{{policy}}"]}""");
        using var reader = Server.ClientWithToken(token.Token);

        await reader.GetAsync($"{Orgs}/{org}/projects/{project}/secrets/{secret.Str("id")}").ExpectAsync(HttpStatusCode.OK);
        var denied = await reader.PostAsync($"{Orgs}/{org}/projects/{project}/secrets", Json("""{"key": "X", "value": "y"}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains("'create'", denied.ErrorMessage());
    }

    [Fact]
    public async Task Deleting_an_organization_removes_everything_in_it()
    {
        var org = await Root.CreateOrganizationAsync("doomed");
        var project = await Root.CreateProjectAsync(org);
        await Root.CreateSecretAsync(org, project, "K", "v");

        await Root.DeleteAsync($"{Orgs}/{org}").ExpectAsync(HttpStatusCode.NoContent);

        await Root.GetAsync($"{Orgs}/{org}").ExpectAsync(HttpStatusCode.NotFound);
        await Root.GetAsync($"{Orgs}/{org}/projects/{project}/secrets").ExpectAsync(HttpStatusCode.NotFound);
    }
}

public sealed class SecretsApiOnSqlite(SqliteServerFixture fixture) : SecretsApiSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class SecretsApiOnPostgres(PostgresServerFixture fixture) : SecretsApiSpec(fixture), IClassFixture<PostgresServerFixture>;
