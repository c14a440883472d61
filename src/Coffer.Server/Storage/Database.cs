using System.Data.Common;
using Coffer.Server.Changes;
using Coffer.Server.Configuration;

namespace Coffer.Server.Storage;

/// <summary>
/// The one way stores reach the database: pooled connections for reads, and transactions that commit
/// or roll back as a whole. On SQLite every write goes through one writer with group commit
/// (<see cref="SqliteWriteQueue"/>); PostgreSQL takes concurrent writers and batches their commits itself.
/// Both providers take the same SQL in most places (named @parameters, ON CONFLICT, RETURNING);
/// <see cref="Kind"/> covers the rest.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly DbDataSource _dataSource;
    private readonly SqliteWriteQueue? _writes;

    public Database(StorageKind kind, DbDataSource dataSource, string description)
    {
        (Kind, _dataSource, Description) = (kind, dataSource, description);
        if (kind == StorageKind.Sqlite) _writes = new SqliteWriteQueue(OpenWriterAsync);
    }

    /// <summary>Where committed changes are announced; set once when the host wires its services.</summary>
    public ChangeFeed Changes { get; } = new();

    public StorageKind Kind { get; }

    /// <summary>Where the data lives, without credentials (for logs and errors).</summary>
    public string Description { get; }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (Kind == StorageKind.Sqlite) await SqliteTuning.PrepareAsync(connection, cancellationToken);
        return connection;
    }

    /// <summary>SQLite's one writer: foreign keys enforced, and an fsync on every commit (acknowledged = durable).</summary>
    private async ValueTask<DbConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection);
    }

    public async Task<T> WriteAsync<T>(Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (_writes is not null) return await _writes.EnqueueAsync(work, cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// A write whose changes are announced: on PostgreSQL by NOTIFY inside the transaction (delivered to
    /// other nodes exactly when it commits), and locally right after the commit, so no cache on this node
    /// can re-read the old rows after it has been told to drop them.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbTransaction, ChangeList, Task<T>> work, CancellationToken cancellationToken = default)
    {
        var changes = new ChangeList();
        var result = await WriteAsync(async tx =>
        {
            var value = await work(tx, changes);
            if (Kind == StorageKind.Postgres)
                foreach (var (topic, key) in changes.Items)
                    await tx.Sql("SELECT pg_notify(@channel, @payload)")
                        .With("channel", PostgresChangeListener.Channel)
                        .With("payload", PostgresChangeListener.Payload(Changes.NodeId, topic, key)).RunAsync(cancellationToken);
            return value;
        }, cancellationToken);
        foreach (var (topic, key) in changes.Items) Changes.Dispatch(topic, key);
        return result;
    }

    public Task WriteAsync(Func<DbTransaction, Task> work, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async tx => { await work(tx); return true; }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_writes is not null) await _writes.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
