using System.Net;
using System.Text.Json;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>
/// A machine account cannot tell a project it may not see from one that does not exist (spec §6.3):
/// the body is validated first, then existence and permission answer the same 404.
/// </summary>
public abstract class ExistenceOracleSpec(UnsealedServerFixture fixture)
{
    private static string Invalid(BitwardenWorld world, Guid project) =>
        $$"""{"key": "PLAIN", "value": "{{world.Session.Encrypt("v")}}", "note": "{{world.Session.Encrypt("")}}", "projectIds": ["{{project}}"]}""";

    private async Task<(BitwardenWorld World, Guid Hidden)> WorldWithHiddenProjectAsync()
    {
        var world = await BitwardenWorld.CreateAsync(fixture);
        return (world, await fixture.Root.CreateProjectAsync(world.Org, "hidden"));
    }

    [Fact]
    public async Task Creating_with_an_invalid_body_answers_the_same_400_for_a_hidden_and_a_missing_project()
    {
        var (world, hidden) = await WorldWithHiddenProjectAsync();
        using var _ = world;
        var create = $"/api/organizations/{world.Org}/secrets";

        var inHidden = await world.Client.PostAsync(create, Json(Invalid(world, hidden))).ExpectAsync(HttpStatusCode.BadRequest);
        var inMissing = await world.Client.PostAsync(create, Json(Invalid(world, Guid.NewGuid()))).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(inMissing.GetRawText(), inHidden.GetRawText());
    }

    [Fact]
    public async Task Creating_with_a_valid_body_answers_the_same_404_for_a_hidden_and_a_missing_project()
    {
        var (world, hidden) = await WorldWithHiddenProjectAsync();
        using var _ = world;
        var create = $"/api/organizations/{world.Org}/secrets";

        var inHidden = await world.Client.PostAsync(create, world.SecretBody("K", "v", hidden)).ExpectAsync(HttpStatusCode.NotFound);
        var inMissing = await world.Client.PostAsync(create, world.SecretBody("K", "v", Guid.NewGuid())).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal(inMissing.GetRawText(), inHidden.GetRawText());
    }

    [Fact]
    public async Task Moving_a_secret_answers_the_same_for_a_hidden_and_a_missing_project()
    {
        var (world, hidden) = await WorldWithHiddenProjectAsync();
        using var _ = world;
        var update = $"/api/secrets/{world.Secret}";

        var toHidden = await world.Client.PutAsync(update, world.SecretBody("K", "v", hidden)).ExpectAsync(HttpStatusCode.NotFound);
        var toMissing = await world.Client.PutAsync(update, world.SecretBody("K", "v", Guid.NewGuid())).ExpectAsync(HttpStatusCode.NotFound);
        var invalidToHidden = await world.Client.PutAsync(update, Json(Invalid(world, hidden))).ExpectAsync(HttpStatusCode.BadRequest);
        var invalidToMissing = await world.Client.PutAsync(update, Json(Invalid(world, Guid.NewGuid()))).ExpectAsync(HttpStatusCode.BadRequest);
        var read = await world.Client.GetAsync(update).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(toMissing.GetRawText(), toHidden.GetRawText());
        Assert.Equal(invalidToMissing.GetRawText(), invalidToHidden.GetRawText());
        Assert.Equal(world.Project.ToString(), read.GetProperty("projects")[0].Str("id"));
    }

    [Fact]
    public async Task An_invalid_body_is_a_400_even_for_a_secret_or_project_the_caller_cannot_see()
    {
        var (world, hidden) = await WorldWithHiddenProjectAsync();
        using var _ = world;
        var hiddenSecret = Guid.Parse((await fixture.Root.CreateSecretAsync(world.Org, hidden, "K", "v")).Str("id"));

        var secret = await world.Client.PutAsync($"/api/secrets/{hiddenSecret}", Json(Invalid(world, hidden))).ExpectAsync(HttpStatusCode.BadRequest);
        var missingSecret = await world.Client.PutAsync($"/api/secrets/{Guid.NewGuid()}", Json(Invalid(world, hidden))).ExpectAsync(HttpStatusCode.BadRequest);
        var project = await world.Client.PutAsync($"/api/projects/{hidden}", Json("""{"name": "plain"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var missingProject = await world.Client.PutAsync($"/api/projects/{Guid.NewGuid()}", Json("""{"name": "plain"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(missingSecret.GetRawText(), secret.GetRawText());
        Assert.Equal(missingProject.GetRawText(), project.GetRawText());
        Assert.Equal(JsonValueKind.Object, secret.GetProperty("validationErrors").ValueKind);
    }
}

public sealed class ExistenceOracleOnSqlite(SqliteServerFixture fixture) : ExistenceOracleSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class ExistenceOracleOnPostgres(PostgresServerFixture fixture) : ExistenceOracleSpec(fixture), IClassFixture<PostgresServerFixture>;
