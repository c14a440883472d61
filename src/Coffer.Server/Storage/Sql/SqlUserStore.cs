using Coffer.Server.Users;

namespace Coffer.Server.Storage.Sql;

internal sealed class SqlUserStore(Database database) : IUserStore
{
    public Task<User?> GetAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync(c => c.Sql("SELECT name, entity_id, sealed_password, policies, token_ttl, token_max_ttl, token_bound_cidrs, created_at, updated_at FROM users WHERE name = @name")
            .With("name", name).SingleOrDefaultAsync(r => new User(r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), Split(r.GetString(3)),
                Seconds(r.GetInt64OrNull(4)), Seconds(r.GetInt64OrNull(5)), Split(r.GetString(6)),
                UnixTime.FromMicroseconds(r.GetInt64(7)), UnixTime.FromMicroseconds(r.GetInt64(8))), cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<string>> ListAsync(string? after, int limit, CancellationToken cancellationToken) =>
        await database.ReadAsync(c => c.Sql($"SELECT name FROM users {(after is null ? "" : "WHERE name > @after")} ORDER BY name LIMIT @limit")
            .With("after", after).With("limit", limit).ListAsync(r => r.GetString(0), cancellationToken), cancellationToken);

    public Task PutAsync(User user, CancellationToken cancellationToken) =>
        database.WriteAsync(tx => tx.Sql("""
                INSERT INTO users (name, entity_id, sealed_password, policies, token_ttl, token_max_ttl, token_bound_cidrs, created_at, updated_at)
                VALUES (@name, @entity, @password, @policies, @ttl, @max, @cidrs, @created, @updated)
                ON CONFLICT (name) DO UPDATE SET sealed_password = excluded.sealed_password, policies = excluded.policies,
                    token_ttl = excluded.token_ttl, token_max_ttl = excluded.token_max_ttl,
                    token_bound_cidrs = excluded.token_bound_cidrs, updated_at = excluded.updated_at
                """)
            .With("name", user.Name).With("entity", user.EntityId).With("password", user.SealedPassword)
            .With("policies", string.Join(',', user.Policies)).With("ttl", (long?)user.TokenTtl?.TotalSeconds)
            .With("max", (long?)user.TokenMaxTtl?.TotalSeconds).With("cidrs", string.Join(',', user.TokenBoundCidrs))
            .With("created", UnixTime.ToMicroseconds(user.CreatedAt)).With("updated", UnixTime.ToMicroseconds(user.UpdatedAt))
            .RunAsync(cancellationToken), cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        database.WriteAsync(async tx => await tx.Sql("DELETE FROM users WHERE name = @name").With("name", name).RunAsync(cancellationToken) > 0, cancellationToken);

    private static string[] Split(string joined) => joined.Length == 0 ? [] : joined.Split(',');

    private static TimeSpan? Seconds(long? value) => value is { } s ? TimeSpan.FromSeconds(s) : null;
}
