using System.Security.Cryptography;
using Coffer.Server.Configuration;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coffer.Server.Tests.Storage;

/// <summary>A storage Coffer cannot trust stops the start with a clear message, before anything is written.</summary>
public class StartupChecksTests
{
    [Fact]
    public async Task A_corrupt_sqlite_file_stops_the_start_and_is_left_untouched()
    {
        await using var storage = await TestStorage.CreateAsync(StorageKind.Sqlite);
        var garbage = RandomNumberGenerator.GetBytes(8192);
        await File.WriteAllBytesAsync(storage.Settings.Target, garbage);

        var error = await Assert.ThrowsAsync<StorageException>(() => CofferTestServer.StartAsync(storage, null, ownsStorage: false));

        Assert.Contains(storage.Settings.Target, error.Message);
        Assert.Contains("not a database", error.Message);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(storage.Settings.Target));
    }

    [Fact]
    public async Task A_sqlite_database_of_another_application_is_refused()
    {
        await using var storage = await TestStorage.CreateAsync(StorageKind.Sqlite);
        await using (var connection = new SqliteConnection($"Data Source={storage.Settings.Target};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE users (id INTEGER PRIMARY KEY)";
            await create.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<StorageException>(() => CofferTestServer.StartAsync(storage, null, ownsStorage: false));

        Assert.Contains("is not a Coffer database", error.Message);
        Assert.Contains("'users'", error.Message);
    }

    [Fact]
    public async Task A_postgres_that_is_down_is_a_clear_startup_error()
    {
        await using var storage = await TestStorage.CreateAsync(StorageKind.Sqlite);
        var unreachable = new NpgsqlConnectionStringBuilder(TestStorage.AdminConnectionString) { Port = 1, Timeout = 3 }.ConnectionString;

        var error = await Assert.ThrowsAsync<StorageException>(() =>
            CofferTestServer.StartAsync(storage, s => s with { Storage = StorageSettings.Postgres(unreachable) }, ownsStorage: false));

        Assert.Contains("cannot use PostgreSQL database", error.Message);
        Assert.Contains(":1", error.Message);
        Assert.DoesNotContain("Password", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task A_database_written_by_a_newer_coffer_is_refused(StorageKind kind)
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        var database = (Database)server.Services.GetService(typeof(Database))!;
        await database.WriteAsync(tx => tx.Sql("INSERT INTO coffer_migrations (id, name, applied_at) VALUES (9999, 'from-the-future', 0)").RunAsync());

        var error = await Assert.ThrowsAsync<StorageException>(() => server.RestartAsync());

        Assert.Contains("newer Coffer", error.Message);
    }

    [Theory]
    [InlineData(StorageKind.Sqlite)]
    [InlineData(StorageKind.Postgres)]
    public async Task Migrations_are_applied_once_and_recorded(StorageKind kind)
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        await server.RestartAsync();

        var database = (Database)server.Services.GetService(typeof(Database))!;
        var applied = await database.ReadAsync(c => c.Sql("SELECT count(*) FROM coffer_migrations").ScalarAsync<long>());

        Assert.Equal(Migrator.For(kind).Count, applied);
    }
}
