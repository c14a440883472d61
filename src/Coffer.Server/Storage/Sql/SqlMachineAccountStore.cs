using System.Data.Common;
using Coffer.Server.MachineAccounts;

namespace Coffer.Server.Storage.Sql;

internal sealed class SqlMachineAccountStore(Database database) : IMachineAccountStore
{
    private const string Columns = "id, organization_id, name, created_at, revision_date";
    private const string TokenColumns = "id, machine_account_id, name, secret_verifier, encrypted_payload, expires_at, created_at, revision_date, last_used_at";
    // The token with its machine account's organization, which every login and API call needs.
    private const string SelectTokens = "SELECT t.id, t.machine_account_id, t.name, t.secret_verifier, t.encrypted_payload, t.expires_at, t.created_at, t.revision_date, t.last_used_at, m.organization_id FROM access_tokens t JOIN machine_accounts m ON m.id = t.machine_account_id";

    public Task InsertAsync(MachineAccount a, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => tx.Sql($"INSERT INTO machine_accounts ({Columns}) VALUES (@id, @org, @name, @created, @revised)")
            .With("id", a.Id).With("org", a.OrganizationId).With("name", a.Name).With("created", UnixTime.ToMicroseconds(a.CreatedAt))
            .With("revised", UnixTime.ToMicroseconds(a.RevisionDate)).RunAsync(cancellationToken), cancellationToken);

    public Task<MachineAccount?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"SELECT {Columns} FROM machine_accounts WHERE id = @id").With("id", id).SingleOrDefaultAsync(Account, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<MachineAccount>> ListAsync(Guid organizationId, Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT {Columns} FROM machine_accounts WHERE organization_id = @org {(after is null ? "" : "AND id > @after")} ORDER BY id LIMIT @limit")
            .With("org", organizationId).With("after", after).With("limit", limit).ListAsync(Account, cancellationToken), cancellationToken);

    public Task<bool> RenameAsync(Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx => await tx.Sql("UPDATE machine_accounts SET name = @name, revision_date = @now WHERE id = @id")
            .With("name", name).With("now", UnixTime.ToMicroseconds(now)).With("id", id).RunAsync(cancellationToken) == 1, cancellationToken);

    public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            changes.Add(MachineAccountChanges.Topic, id.ToString());
            changes.Add(MachineAccountChanges.AccessTokenTopic, Changes.ChangeFeed.Everything);
            return await tx.Sql("DELETE FROM machine_accounts WHERE id = @id").With("id", id).RunAsync(cancellationToken) == 1;
        }, cancellationToken);

    public async Task<IReadOnlyList<Grant>> GrantsAsync(Guid machineAccountId, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql("SELECT machine_account_id, project_id, can_write FROM machine_account_grants WHERE machine_account_id = @ma ORDER BY project_id")
            .With("ma", machineAccountId).ListAsync(r => new Grant(r.GetGuid(0), r.GetGuid(1), r.GetBoolean(2)), cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(Guid machineAccountId, Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT machine_account_id, project_id, can_write FROM machine_account_grants WHERE machine_account_id = @ma {(after is null ? "" : "AND project_id > @after")} ORDER BY project_id LIMIT @limit")
            .With("ma", machineAccountId).With("after", after).With("limit", limit).ListAsync(r => new Grant(r.GetGuid(0), r.GetGuid(1), r.GetBoolean(2)), cancellationToken), cancellationToken);

    public Task SetGrantAsync(Grant grant, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            await GrantRows.SetAsync(tx, changes, grant, now, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> RemoveGrantAsync(Guid machineAccountId, Guid projectId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            var removed = await tx.Sql("DELETE FROM machine_account_grants WHERE machine_account_id = @ma AND project_id = @project")
                .With("ma", machineAccountId).With("project", projectId).RunAsync(cancellationToken) == 1;
            await GrantRows.BumpAsync(tx, changes, machineAccountId, now, cancellationToken);
            return removed;
        }, cancellationToken);

    public Task InsertAccessTokenAsync(AccessTokenRecord t, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => tx.Sql($"INSERT INTO access_tokens ({TokenColumns}) VALUES (@id, @ma, @name, @verifier, @payload, @expires, @created, @revised, NULL)")
            .With("id", t.Id).With("ma", t.MachineAccountId).With("name", t.Name).With("verifier", t.SecretVerifier).With("payload", t.EncryptedPayload)
            .With("expires", UnixTime.ToMicroseconds(t.ExpiresAt)).With("created", UnixTime.ToMicroseconds(t.CreatedAt))
            .With("revised", UnixTime.ToMicroseconds(t.RevisionDate)).RunAsync(cancellationToken), cancellationToken);

    public Task<AccessTokenRecord?> GetAccessTokenAsync(Guid id, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"{SelectTokens} WHERE t.id = @id").With("id", id).SingleOrDefaultAsync(Token, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<AccessTokenRecord>> ListAccessTokensAsync(Guid machineAccountId, Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"{SelectTokens} WHERE t.machine_account_id = @ma {(after is null ? "" : "AND t.id > @after")} ORDER BY t.id LIMIT @limit")
            .With("ma", machineAccountId).With("after", after).With("limit", limit).ListAsync(Token, cancellationToken), cancellationToken);

    public Task<bool> RenameAccessTokenAsync(Guid machineAccountId, Guid id, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            // Cached copies of the record are dropped too, so none holds the old name or date.
            changes.Add(MachineAccountChanges.AccessTokenTopic, id.ToString());
            return await tx.Sql("UPDATE access_tokens SET name = @name, revision_date = @now WHERE id = @id AND machine_account_id = @ma")
                .With("name", name).With("now", UnixTime.ToMicroseconds(now)).With("id", id).With("ma", machineAccountId).RunAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task TouchAccessTokensAsync(IReadOnlyList<(Guid Id, DateTimeOffset UsedAt)> uses, CancellationToken cancellationToken) =>
        uses.Count == 0 ? Task.CompletedTask : database.WriteAsync(async tx =>
        {
            foreach (var (id, usedAt) in uses)
                await tx.Sql("UPDATE access_tokens SET last_used_at = @used WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @used)")
                    .With("used", UnixTime.ToMicroseconds(usedAt)).With("id", id).RunAsync(cancellationToken);
        }, cancellationToken);

    public Task<int> RevokeAccessTokensAsync(Guid machineAccountId, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            var filter = ids is null ? "" : ids.Count == 0 ? "AND 1 = 0" : $"AND id IN ({SqlLists.Parameters("t", ids.Count)})";
            var revoked = await tx.Sql($"DELETE FROM access_tokens WHERE machine_account_id = @ma {filter} RETURNING id")
                .With("ma", machineAccountId).WithList("t", ids ?? []).ListAsync(r => r.GetGuid(0), cancellationToken);
            foreach (var id in revoked) changes.Add(MachineAccountChanges.AccessTokenTopic, id.ToString());
            return revoked.Count;
        }, cancellationToken);

    private static MachineAccount Account(DbDataReader r) =>
        new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), UnixTime.FromMicroseconds(r.GetInt64(3)), UnixTime.FromMicroseconds(r.GetInt64(4)));

    private static AccessTokenRecord Token(DbDataReader r) =>
        new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), (byte[])r.GetValue(3), r.GetString(4), UnixTime.FromMicroseconds(r.GetInt64OrNull(5)),
            UnixTime.FromMicroseconds(r.GetInt64(6)), UnixTime.FromMicroseconds(r.GetInt64(7)), UnixTime.FromMicroseconds(r.GetInt64OrNull(8)), r.GetGuid(9));
}
