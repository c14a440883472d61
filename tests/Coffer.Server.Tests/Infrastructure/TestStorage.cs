using Coffer.Server.Configuration;
using Npgsql;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test server: a SQLite file in a temporary folder, or a new
/// PostgreSQL database on the server named by COFFER_TEST_POSTGRES (./test.sh starts one and sets it).
/// </summary>
public sealed class TestStorage : IAsyncDisposable
{
    public const string PostgresVariable = "COFFER_TEST_POSTGRES";
    private readonly string? _postgresDatabase;

    private TestStorage(StorageSettings settings, string folder, string? postgresDatabase)
    {
        Settings = settings;
        Folder = folder;
        _postgresDatabase = postgresDatabase;
    }

    public StorageSettings Settings { get; }

    /// <summary>A private temporary folder for files that go with this storage (key files, dev data).</summary>
    public string Folder { get; }

    public static async Task<TestStorage> CreateAsync(StorageKind kind)
    {
        var folder = Directory.CreateTempSubdirectory("coffer-test-").FullName;
        if (kind == StorageKind.Sqlite) return new TestStorage(StorageSettings.Sqlite(Path.Combine(folder, "coffer.db")), folder, null);

        var name = "coffer_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestStorage(StorageSettings.Postgres(builder.ConnectionString), folder, name);
    }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests with ./test.sh, which starts PostgreSQL 15 and sets it");

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
