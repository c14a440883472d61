using Coffer.Server.Policies;

namespace Coffer.Server.Storage.Sql;

internal sealed class SqlPolicyStore(Database database) : IPolicyStore
{
    private const string Topic = PolicyChanges.Topic;

    public Task<string?> GetAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql("SELECT document FROM policies WHERE name = @name").With("name", name)
            .SingleOrDefaultAsync(r => r.GetString(0), cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT name FROM policies {(after is null ? "" : "WHERE name > @after")} ORDER BY name LIMIT @limit")
            .With("after", after).With("limit", limit).ListAsync(r => r.GetString(0), cancellationToken), cancellationToken);

    public Task<bool> PutAsync(string name, string document, bool onlyIfNew, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            var written = await tx.Sql($"""
                INSERT INTO policies (name, document, updated_at) VALUES (@name, @document, @now)
                ON CONFLICT (name) DO {(onlyIfNew ? "NOTHING" : "UPDATE SET document = excluded.document, updated_at = excluded.updated_at")}
                """)
                .With("name", name).With("document", document).With("now", UnixTime.ToMicroseconds(now)).RunAsync(cancellationToken);
            if (written > 0) changes.Add(Topic, name);
            return written > 0;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        database.WriteAsync(async (tx, changes) =>
        {
            var deleted = await tx.Sql("DELETE FROM policies WHERE name = @name").With("name", name).RunAsync(cancellationToken);
            if (deleted > 0) changes.Add(Topic, name);
            return deleted > 0;
        }, cancellationToken);
}
