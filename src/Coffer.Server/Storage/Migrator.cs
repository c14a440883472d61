using System.Data.Common;
using System.Reflection;
using Coffer.Server.Configuration;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Storage;

/// <summary>
/// Applies the numbered SQL scripts embedded for the provider (Sqlite/Migrations/0001_x.sql …), each in
/// its own transaction with its row in coffer_migrations. Any script not yet applied runs, in order, so
/// features may own number ranges. On PostgreSQL an advisory lock keeps starting nodes from racing.
/// </summary>
public static class Migrator
{
    private const long PostgresLockKey = 0x436f66666572; // "Coffer"

    public sealed record Migration(int Id, string Name, string Sql);

    public static IReadOnlyList<Migration> For(StorageKind kind)
    {
        var prefix = (kind == StorageKind.Sqlite ? "Sqlite" : "Postgres") + "/Migrations/";
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(m => m.Id)
            .ToList();
    }

    public static async Task<IReadOnlySet<int>> AppliedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var ids = await connection.Sql("SELECT id FROM coffer_migrations").ListAsync(r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return ids.ToHashSet();
    }

    public static async Task ApplyAsync(Database database, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
            await connection.Sql("CREATE TABLE IF NOT EXISTS coffer_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)")
                .RunAsync(cancellationToken);

        foreach (var migration in For(database.Kind))
        {
            await database.WriteAsync(async tx =>
            {
                if (database.Kind == StorageKind.Postgres)
                    await tx.Sql("SELECT pg_advisory_xact_lock(@key)").With("key", PostgresLockKey).RunAsync(cancellationToken);
                var applied = await tx.Sql("SELECT count(*) FROM coffer_migrations WHERE id = @id").With("id", migration.Id).ScalarAsync<long>(cancellationToken);
                if (applied > 0) return;
                await tx.Sql(migration.Sql).RunAsync(cancellationToken);
                await tx.Sql("INSERT INTO coffer_migrations (id, name, applied_at) VALUES (@id, @name, @at)")
                    .With("id", migration.Id).With("name", migration.Name)
                    .With("at", UnixTime.ToMicroseconds(time.GetUtcNow())).RunAsync(cancellationToken);
                logger.LogInformation("Applied storage migration {Id} {Name}", migration.Id, migration.Name);
            }, cancellationToken);
        }
    }

    private static Migration Load(Assembly assembly, string resource, string fileName)
    {
        var underscore = fileName.IndexOf('_');
        var id = int.Parse(fileName.AsSpan(0, underscore), System.Globalization.CultureInfo.InvariantCulture);
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return new Migration(id, fileName[(underscore + 1)..], reader.ReadToEnd());
    }
}
