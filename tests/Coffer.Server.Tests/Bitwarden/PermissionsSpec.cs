using System.Net;
using System.Text.Json;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>A machine account sees and changes only what its grants allow, in its own organization (spec §6.3); the rest is 404.</summary>
public abstract class PermissionsSpec(UnsealedServerFixture fixture)
{
    [Fact]
    public async Task A_read_only_machine_account_gets_404_on_create_and_update()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture, "read");

        var create = await world.Client.PostAsync($"/api/organizations/{world.Org}/secrets", world.SecretBody("NEW", "v", world.Project)).ExpectAsync(HttpStatusCode.NotFound);
        var update = await world.Client.PutAsync($"/api/secrets/{world.Secret}", world.SecretBody("DB_PASS", "changed")).ExpectAsync(HttpStatusCode.NotFound);
        var rename = await world.Client.PutAsync($"/api/projects/{world.Project}", world.ProjectBody("renamed")).ExpectAsync(HttpStatusCode.NotFound);
        var read = await world.Client.GetAsync($"/api/secrets/{world.Secret}").ExpectAsync(HttpStatusCode.OK);
        var list = await world.Client.GetAsync($"/api/organizations/{world.Org}/secrets").ExpectAsync(HttpStatusCode.OK);
        var project = await world.Client.GetAsync($"/api/projects/{world.Project}").ExpectAsync(HttpStatusCode.OK);

        Assert.All([create, update, rename], body => Assert.Equal("Resource not found.", body.Str("message")));
        Assert.Equal("hunter2", world.Session.Decrypt(read.Str("value")));
        Assert.False(read.GetProperty("write").GetBoolean());
        Assert.Single(list.GetProperty("secrets").EnumerateArray());
        Assert.Equal("production", world.Session.Decrypt(project.Str("name")));
        Assert.False(project.GetProperty("write").GetBoolean());
    }

    [Fact]
    public async Task A_read_only_machine_account_gets_access_denied_per_id_on_bulk_delete()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture, "read");
        var writable = await fixture.Root.CreateProjectAsync(world.Org, "writable");
        await fixture.Root.GrantAsync(world.Org, world.Account, writable, "read-write");
        var deletable = Guid.Parse((await fixture.Root.CreateSecretAsync(world.Org, writable, "GONE", "v")).Str("id"));

        var secrets = await world.Client.PostAsync("/api/secrets/delete", Json($$"""["{{world.Secret}}", "{{deletable}}"]""")).ExpectAsync(HttpStatusCode.OK);
        var projects = await world.Client.PostAsync("/api/projects/delete", Json($$"""["{{world.Project}}"]""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["access denied", null], secrets.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("error").GetString()));
        Assert.Equal(["access denied"], projects.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("error").GetString()));
        await world.Client.GetAsync($"/api/secrets/{world.Secret}").ExpectAsync(HttpStatusCode.OK);
        await world.Client.GetAsync($"/api/projects/{world.Project}").ExpectAsync(HttpStatusCode.OK);
        await world.Client.GetAsync($"/api/secrets/{deletable}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_organizations_resources_are_all_404()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        using var other = await BitwardenWorld.CreateAsync(fixture);
        var client = world.Client;

        var answers = new List<JsonElement>
        {
            await client.GetAsync($"/api/secrets/{other.Secret}").ExpectAsync(HttpStatusCode.NotFound),
            await client.GetAsync($"/api/projects/{other.Project}").ExpectAsync(HttpStatusCode.NotFound),
            await client.GetAsync($"/api/projects/{other.Project}/secrets").ExpectAsync(HttpStatusCode.NotFound),
            await client.GetAsync($"/api/organizations/{other.Org}/projects").ExpectAsync(HttpStatusCode.NotFound),
            await client.GetAsync($"/api/organizations/{other.Org}/secrets").ExpectAsync(HttpStatusCode.NotFound),
            await client.GetAsync($"/api/organizations/{other.Org}/secrets/sync").ExpectAsync(HttpStatusCode.NotFound),
            await client.PostAsync($"/api/organizations/{other.Org}/secrets", world.SecretBody("K", "v", other.Project)).ExpectAsync(HttpStatusCode.NotFound),
            await client.PostAsync($"/api/organizations/{other.Org}/projects", world.ProjectBody("mine")).ExpectAsync(HttpStatusCode.NotFound),
            await client.PostAsync($"/api/organizations/{world.Org}/secrets", world.SecretBody("K", "v", other.Project)).ExpectAsync(HttpStatusCode.NotFound),
            await client.PutAsync($"/api/secrets/{other.Secret}", world.SecretBody("K", "v")).ExpectAsync(HttpStatusCode.NotFound),
            await client.PutAsync($"/api/secrets/{world.Secret}", world.SecretBody("K", "v", other.Project)).ExpectAsync(HttpStatusCode.NotFound),
            await client.PutAsync($"/api/projects/{other.Project}", world.ProjectBody("mine")).ExpectAsync(HttpStatusCode.NotFound),
            await client.PostAsync("/api/secrets/get-by-ids", Json($$"""{"ids": ["{{other.Secret}}"]}""")).ExpectAsync(HttpStatusCode.NotFound),
            await client.PostAsync("/api/secrets/delete", Json($$"""["{{other.Secret}}"]""")).ExpectAsync(HttpStatusCode.NotFound),
            await client.PostAsync("/api/projects/delete", Json($$"""["{{other.Project}}"]""")).ExpectAsync(HttpStatusCode.NotFound),
        };

        Assert.All(answers, body => Assert.Equal("Resource not found.", body.Str("message")));
        var untouched = await other.Client.GetAsync($"/api/secrets/{other.Secret}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("hunter2", other.Session.Decrypt(untouched.Str("value")));
        await other.Client.GetAsync($"/api/projects/{other.Project}").ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class PermissionsOnSqlite(SqliteServerFixture fixture) : PermissionsSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PermissionsOnPostgres(PostgresServerFixture fixture) : PermissionsSpec(fixture), IClassFixture<PostgresServerFixture>;
