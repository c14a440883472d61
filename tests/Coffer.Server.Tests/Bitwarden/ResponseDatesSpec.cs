using System.Net;
using System.Text.Json;
using Coffer.Server.Tests.Infrastructure;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>The dates a write answers are the dates later reads give (storage keeps microseconds; so do answers).</summary>
public abstract class ResponseDatesSpec(UnsealedServerFixture fixture)
{
    private static (string Created, string Revised) Dates(JsonElement body) => (body.Str("creationDate"), body.Str("revisionDate"));

    /// <summary>Runs <paramref name="act"/> at a time with sub-microsecond ticks, then puts the shared clock back on whole seconds.</summary>
    private async Task<T> OffTheMicrosecondAsync<T>(Func<Task<T>> act)
    {
        fixture.Server.Clock.Advance(TimeSpan.FromTicks(3));
        try { return await act(); }
        finally { fixture.Server.Clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(3)); }
    }

    [Fact]
    public async Task A_created_or_updated_secret_answers_the_dates_it_reads_back_with()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);

        var created = await OffTheMicrosecondAsync(() => world.Client.PostAsync($"/api/organizations/{world.Org}/secrets", world.SecretBody("NEW", "v", world.Project))
            .ExpectAsync(HttpStatusCode.OK));
        var id = created.Str("id");
        var readAfterCreate = await world.Client.GetAsync($"/api/secrets/{id}").ExpectAsync(HttpStatusCode.OK);
        var updated = await OffTheMicrosecondAsync(() => world.Client.PutAsync($"/api/secrets/{id}", world.SecretBody("NEW", "v2")).ExpectAsync(HttpStatusCode.OK));
        var list = await world.Client.GetAsync($"/api/organizations/{world.Org}/secrets").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Dates(readAfterCreate), Dates(created));
        Assert.Equal(Dates(list.GetProperty("secrets").EnumerateArray().Single(s => s.Str("id") == id)), Dates(updated));
    }

    [Fact]
    public async Task A_created_or_renamed_project_answers_the_dates_it_reads_back_with()
    {
        using var world = await BitwardenWorld.CreateAsync(fixture);

        var created = await OffTheMicrosecondAsync(() => world.Client.PostAsync($"/api/organizations/{world.Org}/projects", world.ProjectBody("new")).ExpectAsync(HttpStatusCode.OK));
        var id = created.Str("id");
        var readAfterCreate = await world.Client.GetAsync($"/api/projects/{id}").ExpectAsync(HttpStatusCode.OK);
        var renamed = await OffTheMicrosecondAsync(() => world.Client.PutAsync($"/api/projects/{id}", world.ProjectBody("renamed")).ExpectAsync(HttpStatusCode.OK));
        var list = await world.Client.GetAsync($"/api/organizations/{world.Org}/projects").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(Dates(readAfterCreate), Dates(created));
        Assert.Equal(Dates(list.GetProperty("data").EnumerateArray().Single(p => p.Str("id") == id)), Dates(renamed));
    }
}

public sealed class ResponseDatesOnSqlite(SqliteServerFixture fixture) : ResponseDatesSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class ResponseDatesOnPostgres(PostgresServerFixture fixture) : ResponseDatesSpec(fixture), IClassFixture<PostgresServerFixture>;
