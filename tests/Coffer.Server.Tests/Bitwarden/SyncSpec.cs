using System.Net;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>
/// What counts as a change for `/secrets/sync`: anything a machine account can read that was created, edited,
/// moved away or deleted since the client's last sync — and nothing it cannot read.
/// </summary>
public abstract class SyncSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    private async Task<bool> HasChangesAsync(Session session, Guid org, DateTimeOffset since) =>
        (await session.Client.GetAsync($"/api/organizations/{org}/secrets/sync?lastSyncedDate={Uri.EscapeDataString(since.ToString("O"))}")
            .ExpectAsync(HttpStatusCode.OK)).GetProperty("hasChanges").GetBoolean();

    private async Task<DateTimeOffset> QuietMomentAsync()
    {
        Server.Clock.Advance(TimeSpan.FromSeconds(5));
        var since = Server.Clock.GetUtcNow();
        Server.Clock.Advance(TimeSpan.FromSeconds(5));
        return since;
    }

    [Fact]
    public async Task A_secret_created_in_a_granted_project_is_a_change_and_one_in_another_project_is_not()
    {
        var org = await Root.CreateOrganizationAsync();
        var (granted, other) = (await Root.CreateProjectAsync(org), await Root.CreateProjectAsync(org, "other"));
        var account = await Root.CreateMachineAccountAsync(org);
        await Root.GrantAsync(org, account, granted, "read");
        using var session = await Server.LoginAsync(await Root.MintAccessTokenAsync(org, account));

        var beforeOther = await QuietMomentAsync();
        await Root.CreateSecretAsync(org, other, "NOT_YOURS", "x");
        var afterOther = await HasChangesAsync(session, org, beforeOther);
        var beforeGranted = await QuietMomentAsync();
        await Root.CreateSecretAsync(org, granted, "YOURS", "y");

        Assert.False(afterOther);
        Assert.True(await HasChangesAsync(session, org, beforeGranted));
    }

    [Fact]
    public async Task A_secret_moved_away_or_deleted_is_a_change_for_the_accounts_that_could_read_it()
    {
        var org = await Root.CreateOrganizationAsync();
        var (first, second) = (await Root.CreateProjectAsync(org), await Root.CreateProjectAsync(org, "second"));
        var (mover, watcher) = (await Root.CreateMachineAccountAsync(org, "mover"), await Root.CreateMachineAccountAsync(org, "watcher"));
        await Root.GrantAsync(org, mover, first, "read-write");
        await Root.GrantAsync(org, mover, second, "read-write");
        await Root.GrantAsync(org, watcher, first, "read");
        var moved = Guid.Parse((await Root.CreateSecretAsync(org, first, "MOVED", "m")).Str("id"));
        var deleted = Guid.Parse((await Root.CreateSecretAsync(org, second, "DELETED", "d")).Str("id"));
        using var asMover = await Server.LoginAsync(await Root.MintAccessTokenAsync(org, mover));
        using var asWatcher = await Server.LoginAsync(await Root.MintAccessTokenAsync(org, watcher));

        var beforeMove = await QuietMomentAsync();
        await asMover.Client.PutAsync($"/api/secrets/{moved}", Json($$"""
            {"key": "{{asMover.Encrypt("MOVED")}}", "value": "{{asMover.Encrypt("m")}}", "note": "{{asMover.Encrypt("")}}", "projectIds": ["{{second}}"]}
            """)).ExpectAsync(HttpStatusCode.OK);
        var watcherSawMove = await HasChangesAsync(asWatcher, org, beforeMove);
        var beforeDelete = await QuietMomentAsync();
        await asMover.Client.PostAsync("/api/secrets/delete", Json($"""["{deleted}"]""")).ExpectAsync(HttpStatusCode.OK);

        Assert.True(watcherSawMove);
        Assert.True(await HasChangesAsync(asMover, org, beforeDelete));
        Assert.False(await HasChangesAsync(asWatcher, org, beforeDelete));
    }
}

public sealed class SyncOnSqlite(SqliteServerFixture fixture) : SyncSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class SyncOnPostgres(PostgresServerFixture fixture) : SyncSpec(fixture), IClassFixture<PostgresServerFixture>;
