using System.Net;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>Every /api/projects endpoint (spec §5.2) and /api/projects/{id}/secrets (§5.3), as the SDK calls them.</summary>
public abstract class ProjectsApiSpec(UnsealedServerFixture fixture)
{
    [Fact]
    public async Task A_project_is_listed_with_upstreams_shape()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);

        var list = await world.Client.GetAsync($"/api/organizations/{world.Org}/projects").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("list", list.Str("object"));
        var project = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal("project", project.Str("object"));
        Assert.Equal(world.Project.ToString(), project.Str("id"));
        Assert.Equal(world.Org.ToString(), project.Str("organizationId"));
        Assert.Equal("production", world.Session.Decrypt(project.Str("name")));
        Assert.EndsWith("Z", project.Str("creationDate"));
        Assert.True(project.GetProperty("read").GetBoolean());
        Assert.True(project.GetProperty("write").GetBoolean());
    }

    [Fact]
    public async Task A_created_project_is_the_creators_to_read_write_and_fill()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var name = world.Session.Encrypt("staging");

        var created = await world.Client.PostAsync($"/api/organizations/{world.Org}/projects", Json($$"""{"name": "{{name}}"}""")).ExpectAsync(HttpStatusCode.OK);
        var id = Guid.Parse(created.Str("id"));
        var read = await world.Client.GetAsync($"/api/projects/{id}").ExpectAsync(HttpStatusCode.OK);
        await world.Client.PostAsync($"/api/organizations/{world.Org}/secrets", world.SecretBody("IN_NEW", "v", id)).ExpectAsync(HttpStatusCode.OK);
        var native = await fixture.Root.GetAsync($"{Orgs}/{world.Org}/projects/{id}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(name, created.Str("name"));
        Assert.Equal(world.Org.ToString(), created.Str("organizationId"));
        Assert.True(created.GetProperty("write").GetBoolean());
        Assert.Equal(created.GetRawText(), read.GetRawText());
        Assert.Equal("staging", native.Str("name"));
    }

    [Fact]
    public async Task A_project_is_renamed_and_its_revision_date_moves()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var before = await world.Client.GetAsync($"/api/projects/{world.Project}").ExpectAsync(HttpStatusCode.OK);
        fixture.Server.Clock.Advance(TimeSpan.FromSeconds(5));

        var renamed = await world.Client.PutAsync($"/api/projects/{world.Project}", world.ProjectBody("prod")).ExpectAsync(HttpStatusCode.OK);
        var read = await world.Client.GetAsync($"/api/projects/{world.Project}").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("prod", world.Session.Decrypt(read.Str("name")));
        Assert.Equal(before.Str("creationDate"), renamed.Str("creationDate"));
        Assert.NotEqual(before.Str("revisionDate"), renamed.Str("revisionDate"));
        Assert.Equal(renamed.Str("revisionDate"), read.Str("revisionDate"));
    }

    [Fact]
    public async Task Projects_are_deleted_in_bulk_with_a_result_per_id_and_unknown_ids_delete_nothing()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var other = Guid.Parse((await world.Client.PostAsync($"/api/organizations/{world.Org}/projects", world.ProjectBody("other")).ExpectAsync(HttpStatusCode.OK)).Str("id"));

        await world.Client.PostAsync("/api/projects/delete", Json($$"""["{{other}}", "{{Guid.NewGuid()}}"]""")).ExpectAsync(HttpStatusCode.NotFound);
        await world.Client.GetAsync($"/api/projects/{other}").ExpectAsync(HttpStatusCode.OK);
        var deleted = await world.Client.PostAsync("/api/projects/delete", Json($$"""["{{other}}", "{{world.Project}}"]""")).ExpectAsync(HttpStatusCode.OK);
        var empty = await world.Client.PostAsync("/api/projects/delete", Json("[]")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("list", deleted.Str("object"));
        Assert.Equal([other.ToString(), world.Project.ToString()], deleted.GetProperty("data").EnumerateArray().Select(r => r.Str("id")));
        Assert.All(deleted.GetProperty("data").EnumerateArray(), r =>
        {
            Assert.Equal("BulkDeleteResponseModel", r.Str("object"));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("error").ValueKind);
        });
        await world.Client.GetAsync($"/api/projects/{other}").ExpectAsync(HttpStatusCode.NotFound);
        await world.Client.GetAsync($"/api/secrets/{world.Secret}").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("The model state is invalid.", empty.Str("message"));
    }

    [Fact]
    public async Task A_projects_secrets_are_listed_by_project()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var second = await fixture.Root.CreateProjectAsync(world.Org, "second");
        await fixture.Root.GrantAsync(world.Org, world.Account, second, "read");
        await fixture.Root.CreateSecretAsync(world.Org, second, "ELSEWHERE", "v");
        var hidden = await fixture.Root.CreateProjectAsync(world.Org, "hidden");

        var list = await world.Client.GetAsync($"/api/projects/{world.Project}/secrets").ExpectAsync(HttpStatusCode.OK);
        var readOnly = await world.Client.GetAsync($"/api/projects/{second}/secrets").ExpectAsync(HttpStatusCode.OK);
        var denied = await world.Client.GetAsync($"/api/projects/{hidden}/secrets").ExpectAsync(HttpStatusCode.NotFound);
        var missing = await world.Client.GetAsync($"/api/projects/{Guid.NewGuid()}/secrets").ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal("SecretsWithProjectsList", list.Str("object"));
        var secret = Assert.Single(list.GetProperty("secrets").EnumerateArray());
        Assert.Equal(world.Secret.ToString(), secret.Str("id"));
        Assert.Equal("DB_PASS", world.Session.Decrypt(secret.Str("key")));
        Assert.False(secret.TryGetProperty("value", out _));
        Assert.Equal(world.Project.ToString(), secret.GetProperty("projects")[0].Str("id"));
        Assert.Equal([world.Project.ToString()], list.GetProperty("projects").EnumerateArray().Select(p => p.Str("id")));
        Assert.False(Assert.Single(readOnly.GetProperty("secrets").EnumerateArray()).GetProperty("write").GetBoolean());
        Assert.Equal(missing.GetRawText(), denied.GetRawText());
    }
}

public sealed class ProjectsApiOnSqlite(SqliteServerFixture fixture) : ProjectsApiSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class ProjectsApiOnPostgres(PostgresServerFixture fixture) : ProjectsApiSpec(fixture), IClassFixture<PostgresServerFixture>;
