using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coffer.Bench;

/// <summary>
/// Fills a Coffer database to scale by cloning rows the API made (a token, a secret, a project): the
/// clones have fresh ids and random verifiers, so they are real-sized rows in every index, though no
/// one holds their tokens. Columns are read from the schema, so a migration does not break the loader.
/// </summary>
public abstract class Loader(DbConnection connection) : IAsyncDisposable
{
    private const int Chunk = 100_000;
    private const int ProjectsForFiller = 1_000;
    protected DbConnection Connection => connection;

    public static async Task<Loader> OpenAsync(CofferServer server)
    {
        Loader loader = server.Store == "sqlite"
            ? new SqliteLoader(new SqliteConnection($"Data Source={server.Storage};Default Timeout=60"))
            : new PostgresLoader(new NpgsqlConnection(server.Storage));
        await loader.Connection.OpenAsync();
        return loader;
    }

    /// <summary>
    /// Clones of one token, without a parent as logins make them, expiring at <paramref name="expires"/>
    /// (else as the template). One parent with a million children would be a tree no deployment grows.
    /// </summary>
    public Task CloneTokensAsync(Guid template, int count, DateTimeOffset? expires = null) =>
        CloneAsync("tokens", "accessor", template, count, new()
        {
            ["accessor"] = RandomId, ["verifier"] = RandomBytes32, ["parent"] = "NULL",
            ["expire_time"] = expires is null ? "template.expire_time" : "@expires",
        }, ("expires", expires?.ToUnixTimeMilliseconds() * 1000));

    /// <summary>Clones of one secret, spread over a thousand new projects of its organization (granted to no one).</summary>
    public async Task CloneSecretsAsync(Guid templateSecret, Guid templateProject, int count)
    {
        await ExecuteAsync(TemporaryTable("bench_projects", "n INTEGER PRIMARY KEY, id " + IdType));
        if (await CountAsync("bench_projects") == 0)
        {
            for (var n = 0; n < ProjectsForFiller; n++)
                await ExecuteAsync("INSERT INTO bench_projects (n, id) VALUES (@n, @id)", ("n", n), ("id", Guid.NewGuid()));
            await ExecuteAsync($"INSERT INTO projects ({await ColumnsAsync("projects")}) SELECT {Replace(await ColumnsAsync("projects"), new() { ["id"] = "p.id" }, "template")} " +
                "FROM bench_projects p, projects template WHERE template.id = @template", ("template", templateProject));
        }
        await CloneAsync("secrets", "id", templateSecret, count, new()
        {
            ["id"] = RandomId, ["key_index"] = RandomBytes32,
            ["project_id"] = $"(SELECT id FROM bench_projects WHERE n = {Series}.i % {ProjectsForFiller})",
        });
    }

    public Task<long> CountAsync(string table, string where = "1 = 1", params (string Name, object? Value)[] parameters) =>
        ScalarAsync($"SELECT count(*) FROM {table} WHERE {where}", parameters);

    /// <summary>The bytes the database takes on disk now.</summary>
    public abstract Task<long> SizeAsync();

    /// <summary>
    /// The state a live server reaches after a bulk load: on PostgreSQL, autovacuum's VACUUM ANALYZE (done
    /// here, so it does not run during the measurements); Coffer never runs ANALYZE on SQLite, so neither does the loader.
    /// </summary>
    public abstract Task AnalyzeAsync();

    private async Task CloneAsync(string table, string key, Guid template, int count, Dictionary<string, string> replace,
        params (string Name, object? Value)[] parameters)
    {
        var columns = await ColumnsAsync(table);
        for (var done = 0; done < count; done += Chunk)
        {
            var rows = Math.Min(Chunk, count - done);
            await ExecuteAsync(InsertSeries(table, columns, Replace(columns, replace, "template"), $"template.{key} = @template", rows),
                [("template", template), .. parameters]);
        }
    }

    private static string Replace(string columns, Dictionary<string, string> replace, string alias) =>
        string.Join(", ", columns.Split(", ").Select(c => replace.TryGetValue(c, out var expression) ? expression : $"{alias}.{c}"));

    protected abstract string IdType { get; }
    protected abstract string RandomId { get; }
    protected abstract string RandomBytes32 { get; }
    protected abstract string Series { get; }
    protected abstract string TemporaryTable(string name, string columns);
    protected abstract string InsertSeries(string table, string columns, string values, string where, int rows);
    protected abstract Task<string> ColumnsAsync(string table);

    protected async Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    protected async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

internal sealed class SqliteLoader(SqliteConnection connection) : Loader(connection)
{
    protected override string IdType => "TEXT";
    // Microsoft.Data.Sqlite binds a Guid as its upper-case text, so that is how the server stores ids.
    protected override string RandomId =>
        "printf('%s-%s-4%s-A%s-%s', hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2), hex(randomblob(6)))";
    protected override string RandomBytes32 => "randomblob(32)";
    protected override string Series => "series";
    protected override string TemporaryTable(string name, string columns) => $"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns})";

    protected override string InsertSeries(string table, string columns, string values, string where, int rows) =>
        $"WITH RECURSIVE series(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM series WHERE i < {rows}) " +
        $"INSERT INTO {table} ({columns}) SELECT {values} FROM series, {table} template WHERE {where}";

    protected override async Task<string> ColumnsAsync(string table)
    {
        var names = new List<string>();
        await using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}') ORDER BY cid";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return string.Join(", ", names);
    }

    public override async Task<long> SizeAsync()
    {
        await ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        return await ScalarAsync("SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()");
    }

    public override Task AnalyzeAsync() => Task.CompletedTask;
}

internal sealed class PostgresLoader(NpgsqlConnection connection) : Loader(connection)
{
    protected override string IdType => "uuid";
    protected override string RandomId => "gen_random_uuid()";
    protected override string RandomBytes32 => "sha256(gen_random_uuid()::text::bytea)";
    protected override string Series => "series";
    protected override string TemporaryTable(string name, string columns) => $"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns.Replace("INTEGER", "integer")})";

    protected override string InsertSeries(string table, string columns, string values, string where, int rows) =>
        $"INSERT INTO {table} ({columns}) SELECT {values} FROM generate_series(1, {rows}) AS series(i), {table} template WHERE {where}";

    protected override async Task<string> ColumnsAsync(string table)
    {
        var names = new List<string>();
        await using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' AND table_schema = current_schema() ORDER BY ordinal_position";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return string.Join(", ", names);
    }

    public override Task<long> SizeAsync() => ScalarAsync("SELECT pg_database_size(current_database())");

    public override Task AnalyzeAsync() => ExecuteAsync("VACUUM ANALYZE");
}
