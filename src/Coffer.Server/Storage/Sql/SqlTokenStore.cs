using Coffer.Server.Tokens;

namespace Coffer.Server.Storage.Sql;

internal sealed class SqlTokenStore(Database database) : ITokenStore
{
    private const string Select = $"SELECT {TokenRows.Columns} FROM tokens";

    public Task<bool> InsertAsync(StoredToken token, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx =>
        {
            // Checked in the same transaction, so a child cannot slip in under a parent revoked — or shortened by
            // a refresh — meanwhile: the parent must exist and must not end before the child.
            if (token.Parent is { } parent)
            {
                var check = token.ExpireTime is { } expires
                    ? tx.Sql("SELECT count(*) FROM tokens WHERE accessor = @parent AND (expire_time IS NULL OR expire_time >= @expires)")
                        .With("expires", UnixTime.ToMicroseconds(expires))
                    : tx.Sql("SELECT count(*) FROM tokens WHERE accessor = @parent AND expire_time IS NULL");
                if (await check.With("parent", parent).ScalarAsync<long>(cancellationToken) == 0) return false;
            }
            await TokenRows.InsertAsync(tx, token, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<StoredToken?> FindByVerifierAsync(byte[] verifier, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"{Select} WHERE verifier = @verifier")
            .With("verifier", verifier).SingleOrDefaultAsync(TokenRows.Read, cancellationToken), cancellationToken);

    public Task<StoredToken?> FindByAccessorAsync(Guid accessor, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql($"{Select} WHERE accessor = @accessor")
            .With("accessor", accessor).SingleOrDefaultAsync(TokenRows.Read, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<StoredToken>> ListByEntityAsync(string entityId, DateTimeOffset now, Guid? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"""
                {Select} WHERE entity_id = @entity AND (expire_time IS NULL OR expire_time > @now) AND num_uses >= 0
                {(after is null ? "" : "AND accessor > @after")} ORDER BY accessor LIMIT @limit
                """)
            .With("entity", entityId).With("now", UnixTime.ToMicroseconds(now)).With("after", after).With("limit", limit)
            .ListAsync(TokenRows.Read, cancellationToken), cancellationToken);

    public Task<int?> ConsumeUseAsync(Guid accessor, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx =>
        {
            var left = await tx.Sql("UPDATE tokens SET num_uses = CASE WHEN num_uses = 1 THEN -1 ELSE num_uses - 1 END WHERE accessor = @accessor AND num_uses > 0 RETURNING num_uses")
                .With("accessor", accessor).ListAsync(r => r.GetInt32(0), cancellationToken);
            return left.Count == 0 ? (int?)null : left[0];
        }, cancellationToken);

    public Task<bool> UpdateLifetimeAsync(Guid accessor, DateTimeOffset renewalTime, DateTimeOffset expireTime, long ttlSeconds, int batch, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            changes.Add(TokenChanges.Topic, accessor.ToString());
            var expires = UnixTime.ToMicroseconds(expireTime);
            if (await tx.Sql("UPDATE tokens SET renewal_time = @renewed, expire_time = @expires, ttl_seconds = @ttl WHERE accessor = @accessor")
                    .With("renewed", UnixTime.ToMicroseconds(renewalTime)).With("expires", expires)
                    .With("ttl", ttlSeconds).With("accessor", accessor).RunAsync(cancellationToken) != 1)
                return false;
            // No descendant may outlive the token: clamp the ones that would, in this transaction, a batch at a time.
            // The walk descends only through tokens that end at or after the new end: below one that ends earlier,
            // nothing ends later (the invariant this statement keeps), so the walk stays within the tokens it changes.
            // UNION drops repeated rows, so a cycle in a corrupted parent index ends the recursion.
            IReadOnlyList<Guid> clamped;
            do
            {
                clamped = await tx.Sql("""
                        WITH RECURSIVE tree (accessor) AS (
                            SELECT accessor FROM tokens WHERE parent = @root AND (expire_time IS NULL OR expire_time >= @expires)
                            UNION
                            SELECT t.accessor FROM tokens t JOIN tree ON t.parent = tree.accessor
                            WHERE t.expire_time IS NULL OR t.expire_time >= @expires
                        )
                        UPDATE tokens SET expire_time = @expires
                        WHERE accessor IN (
                            SELECT tree.accessor FROM tree JOIN tokens c ON c.accessor = tree.accessor
                            WHERE tree.accessor <> @root AND (c.expire_time IS NULL OR c.expire_time > @expires)
                            LIMIT @limit)
                        RETURNING accessor
                        """)
                    .With("root", accessor).With("expires", expires).With("limit", batch)
                    .ListAsync(r => r.GetGuid(0), cancellationToken);
                foreach (var key in TokenChanges.Keys(clamped)) changes.Add(TokenChanges.Topic, key);
            } while (clamped.Count == batch);
            return true;
        }, cancellationToken);

    public Task<bool> SetBoundCidrsAsync(Guid accessor, IReadOnlyList<string> boundCidrs, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            changes.Add(TokenChanges.Topic, accessor.ToString());
            return await tx.Sql("UPDATE tokens SET bound_cidrs = @cidrs WHERE accessor = @accessor")
                .With("cidrs", string.Join(',', boundCidrs)).With("accessor", accessor).RunAsync(cancellationToken) == 1;
        }, cancellationToken);

    public async Task<IReadOnlyList<(Guid Accessor, Guid? Parent)>> SubtreeAsync(IReadOnlyList<Guid> roots, CancellationToken cancellationToken) =>
        // UNION (not UNION ALL) drops repeated rows, so a cycle in a corrupted parent index ends the recursion.
        roots.Count == 0 ? [] : await database.ReadAsync(c => c.Sql($"""
                WITH RECURSIVE tree (accessor, parent) AS (
                    SELECT accessor, parent FROM tokens WHERE accessor IN ({SqlLists.Parameters("r", roots.Count)})
                    UNION
                    SELECT t.accessor, t.parent FROM tokens t JOIN tree ON t.parent = tree.accessor
                )
                SELECT accessor, parent FROM tree
                """)
            .WithList("r", roots).ListAsync(r => (r.GetGuid(0), r.GetGuidOrNull(1)), cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Guid>> ChildrenOfAsync(IReadOnlyList<Guid> parents, CancellationToken cancellationToken) =>
        parents.Count == 0 ? [] : await database.ReadAsync(c => c.Sql($"SELECT accessor FROM tokens WHERE parent IN ({SqlLists.Parameters("p", parents.Count)})")
            .WithList("p", parents).ListAsync(r => r.GetGuid(0), cancellationToken), cancellationToken);

    public Task<int> DeleteAsync(IReadOnlyList<Guid> accessors, CancellationToken cancellationToken) =>
        accessors.Count == 0 ? Task.FromResult(0) : database.WriteAsync((tx, changes) =>
        {
            foreach (var key in TokenChanges.Keys(accessors)) changes.Add(TokenChanges.Topic, key);
            return tx.Sql($"DELETE FROM tokens WHERE accessor IN ({SqlLists.Parameters("a", accessors.Count)})").WithList("a", accessors).RunAsync(cancellationToken);
        }, cancellationToken);

    public Task<bool> DeleteAndOrphanChildrenAsync(Guid accessor, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            var orphaned = await tx.Sql("UPDATE tokens SET parent = NULL WHERE parent = @accessor RETURNING accessor").With("accessor", accessor)
                .ListAsync(r => r.GetGuid(0), cancellationToken);
            foreach (var key in TokenChanges.Keys([accessor, .. orphaned])) changes.Add(TokenChanges.Topic, key);
            return await tx.Sql("DELETE FROM tokens WHERE accessor = @accessor").With("accessor", accessor).RunAsync(cancellationToken) == 1;
        }, cancellationToken);

    public async Task<IReadOnlyList<Guid>> ExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql("SELECT accessor FROM tokens WHERE expire_time <= @now ORDER BY expire_time LIMIT @limit")
            .With("now", UnixTime.ToMicroseconds(now)).With("limit", limit).ListAsync(r => r.GetGuid(0), cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Guid>> StrandedAsync(int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql("""
                SELECT child.accessor FROM tokens child LEFT JOIN tokens parent ON parent.accessor = child.parent
                WHERE child.parent IS NOT NULL AND parent.accessor IS NULL LIMIT @limit
                """)
            .With("limit", limit).ListAsync(r => r.GetGuid(0), cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Guid>> OfEntityAsync(string entityId, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql("SELECT accessor FROM tokens WHERE entity_id = @entity LIMIT @limit")
            .With("entity", entityId).With("limit", limit).ListAsync(r => r.GetGuid(0), cancellationToken), cancellationToken);
}
