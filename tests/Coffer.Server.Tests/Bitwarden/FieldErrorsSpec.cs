using System.Net;
using System.Text.Json;
using Coffer.Core.Bitwarden;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>Field errors on /api answer upstream's model-state body (spec §5.4) and the §4.5 limits, on every field.</summary>
public abstract class FieldErrorsSpec(UnsealedServerFixture fixture)
{
    private static string OnlyError(JsonElement body, string field)
    {
        Assert.Equal("The model state is invalid.", body.Str("message"));
        var errors = body.GetProperty("validationErrors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        return errors.GetProperty(field)[0].GetString()!;
    }

    private static string Secret(string key, string value, string note, Guid project) =>
        $$"""{"key": {{key}}, "value": {{value}}, "note": {{note}}, "projectIds": ["{{project}}"]}""";

    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    [Fact]
    public async Task A_field_that_is_not_an_encstring_is_a_model_state_error_naming_the_field()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var s = world.Session;
        var create = $"/api/organizations/{world.Org}/secrets";

        var key = await world.Client.PostAsync(create, Json(Secret(Quoted("PLAIN"), Quoted(s.Encrypt("v")), Quoted(s.Encrypt("")), world.Project))).ExpectAsync(HttpStatusCode.BadRequest);
        var value = await world.Client.PostAsync(create, Json(Secret(Quoted(s.Encrypt("K")), Quoted("plain"), Quoted(s.Encrypt("")), world.Project))).ExpectAsync(HttpStatusCode.BadRequest);
        var note = await world.Client.PostAsync(create, Json(Secret(Quoted(s.Encrypt("K")), Quoted(s.Encrypt("v")), Quoted(EncString.Encrypt(SymmetricKey.Generate(), "")), world.Project)))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var name = await world.Client.PostAsync($"/api/organizations/{world.Org}/projects", Json("""{"name": "plain"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("is not an EncString", OnlyError(key, "Key"));
        Assert.Contains("is not an EncString", OnlyError(value, "Value"));
        Assert.Contains("not encrypted with this organization's key", OnlyError(note, "Note"));
        Assert.Contains("is not an EncString", OnlyError(name, "Name"));
    }

    [Fact]
    public async Task A_missing_field_is_a_model_state_error_naming_the_field()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var s = world.Session;

        var key = await world.Client.PostAsync($"/api/organizations/{world.Org}/secrets", Json(Secret("null", Quoted(s.Encrypt("v")), Quoted(s.Encrypt("")), world.Project)))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var note = await world.Client.PutAsync($"/api/secrets/{world.Secret}", Json($$"""{"key": {{Quoted(s.Encrypt("K"))}}, "value": {{Quoted(s.Encrypt("v"))}}}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var name = await world.Client.PutAsync($"/api/projects/{world.Project}", Json("{}")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("The Key field is required.", OnlyError(key, "Key"));
        Assert.Equal("The Note field is required.", OnlyError(note, "Note"));
        Assert.Equal("The Name field is required.", OnlyError(name, "Name"));
    }

    [Theory]
    [InlineData("Key", 1000)]
    [InlineData("Value", 35000)]
    [InlineData("Note", 10000)]
    public async Task Each_secret_field_is_limited_to_upstreams_encstring_length(string field, int limit)
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var s = world.Session;
        var (fits, over) = AroundLimit(s, limit);
        string Body(string chosen) => Secret(
            Quoted(field == "Key" ? chosen : s.Encrypt("K")), Quoted(field == "Value" ? chosen : s.Encrypt("v")), Quoted(field == "Note" ? chosen : s.Encrypt("")), world.Project);

        var refused = await world.Client.PostAsync($"/api/organizations/{world.Org}/secrets", Json(Body(over))).ExpectAsync(HttpStatusCode.BadRequest);
        var updateRefused = await world.Client.PutAsync($"/api/secrets/{world.Secret}", Json(Body(over))).ExpectAsync(HttpStatusCode.BadRequest);
        await world.Client.PostAsync($"/api/organizations/{world.Org}/secrets", Json(Body(fits))).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains($"at most {limit}", OnlyError(refused, field));
        Assert.Contains($"at most {limit}", OnlyError(updateRefused, field));
    }

    [Fact]
    public async Task A_project_name_is_limited_to_upstreams_encstring_length()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);
        var (fits, over) = AroundLimit(world.Session, 1000);

        var refused = await world.Client.PostAsync($"/api/organizations/{world.Org}/projects", Json($$"""{"name": {{Quoted(over)}}}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var updateRefused = await world.Client.PutAsync($"/api/projects/{world.Project}", Json($$"""{"name": {{Quoted(over)}}}""")).ExpectAsync(HttpStatusCode.BadRequest);
        await world.Client.PostAsync($"/api/organizations/{world.Org}/projects", Json($$"""{"name": {{Quoted(fits)}}}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("at most 1000", OnlyError(refused, "Name"));
        Assert.Contains("at most 1000", OnlyError(updateRefused, "Name"));
    }

    [Fact]
    public async Task A_whitespace_only_project_name_is_refused_like_a_secret_key()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);

        var created = await world.Client.PostAsync($"/api/organizations/{world.Org}/projects", world.ProjectBody("   ")).ExpectAsync(HttpStatusCode.BadRequest);
        var renamed = await world.Client.PutAsync($"/api/projects/{world.Project}", world.ProjectBody(" \t ")).ExpectAsync(HttpStatusCode.BadRequest);
        var key = await world.Client.PostAsync($"/api/organizations/{world.Org}/secrets", world.SecretBody("  ", "v", world.Project)).ExpectAsync(HttpStatusCode.BadRequest);
        var list = await world.Client.GetAsync($"/api/organizations/{world.Org}/projects").ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("cannot be empty", OnlyError(created, "Name"));
        Assert.Contains("cannot be empty", OnlyError(renamed, "Name"));
        Assert.Contains("cannot be empty", OnlyError(key, "Key"));
        Assert.Equal(["production"], list.GetProperty("data").EnumerateArray().Select(p => world.Session.Decrypt(p.Str("name"))));
    }

    [Fact]
    public async Task A_bad_entry_in_a_bare_id_list_is_named_by_its_position()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);

        var projects = await world.Client.PostAsync("/api/projects/delete", Json("[null]")).ExpectAsync(HttpStatusCode.BadRequest);
        var secrets = await world.Client.PostAsync("/api/secrets/delete", Json($$"""["{{world.Secret}}", "nope"]""")).ExpectAsync(HttpStatusCode.BadRequest);
        var ids = await world.Client.PostAsync("/api/secrets/get-by-ids", Json("""{"ids": ["nope"]}""")).ExpectAsync(HttpStatusCode.BadRequest);

        OnlyError(projects, "[0]");
        OnlyError(secrets, "[1]");
        OnlyError(ids, "ids[0]");
    }

    /// <summary>Two EncStrings under the organization key: one within <paramref name="limit"/> characters, one just over it.</summary>
    private static (string Fits, string Over) AroundLimit(SecretSteps.Session session, int limit)
    {
        string? fits = null;
        for (var length = 1; ; length += 16)
        {
            var candidate = session.Encrypt(new string('x', length));
            if (candidate.Length > limit) return (fits!, candidate);
            fits = candidate;
        }
    }
}

public sealed class FieldErrorsOnSqlite(SqliteServerFixture fixture) : FieldErrorsSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class FieldErrorsOnPostgres(PostgresServerFixture fixture) : FieldErrorsSpec(fixture), IClassFixture<PostgresServerFixture>;
