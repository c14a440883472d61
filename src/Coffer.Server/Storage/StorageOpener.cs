using System.Data.Common;
using Coffer.Server.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coffer.Server.Storage;

/// <summary>
/// Opens the configured storage and proves it is usable before anything is written: reachable, a real
/// database, either empty or Coffer's own, and not from a newer Coffer. Then applies migrations.
/// </summary>
public static class StorageOpener
{
    public static async Task<Database> OpenAsync(StorageSettings settings, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var database = settings.Kind == StorageKind.Sqlite ? Sqlite(settings.Target) : Postgres(settings.Target);
        try
        {
            await CheckAsync(database, cancellationToken);
            if (database.Kind == StorageKind.Sqlite)
                await using (var connection = await database.OpenAsync(cancellationToken))
                    await connection.Sql("PRAGMA journal_mode = WAL").RunAsync(cancellationToken);
            await Migrator.ApplyAsync(database, time, logger, cancellationToken);
            return database;
        }
        catch (Exception e) when (e is DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await database.DisposeAsync();
            throw new StorageException($"cannot use {database.Description}: {FirstLine(e.Message)}");
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static Database Sqlite(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
        };
        return new Database(StorageKind.Sqlite, SqliteFactory.Instance.CreateDataSource(builder.ConnectionString), $"SQLite database {builder.DataSource}");
    }

    private static Database Postgres(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StorageException($"storage.postgres.connection-string is not a valid connection string: {e.Message}");
        }
        var where = $"PostgreSQL database '{builder.Database}' at {builder.Host}:{builder.Port}";
        return new Database(StorageKind.Postgres, new NpgsqlDataSourceBuilder(connectionString).Build(), where);
    }

    private static async Task CheckAsync(Database database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var tables = await connection.Sql(database.Kind == StorageKind.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
            .ListAsync(r => r.GetString(0), cancellationToken);
        if (tables.Count == 0) return;
        if (!tables.Contains("coffer_migrations"))
            throw new StorageException($"{database.Description} is not empty and is not a Coffer database (it has tables such as '{tables[0]}'); point Coffer at an empty database");
        var known = Migrator.For(database.Kind).Select(m => m.Id).DefaultIfEmpty().Max();
        var newest = (await Migrator.AppliedAsync(connection, cancellationToken)).DefaultIfEmpty().Max();
        if (newest > known)
            throw new StorageException($"{database.Description} was written by a newer Coffer (schema {newest}, this version knows {known}); upgrade Coffer");
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
