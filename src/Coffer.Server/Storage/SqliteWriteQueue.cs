using System.Data.Common;
using System.Threading.Channels;

namespace Coffer.Server.Storage;

/// <summary>
/// SQLite has one writer at a time, and every durable commit costs an fsync. So all writes go through this
/// queue: one connection, one background loop, and every write waiting when a transaction starts joins it
/// (group commit) — one fsync acknowledges them all. Each write runs in its own savepoint, so one failing
/// write rolls back alone and the others still commit. Callers are answered only after the commit.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<IWrite> _queue = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly Task _loop;
    private DbConnection? _connection;

    public SqliteWriteQueue(Func<CancellationToken, ValueTask<DbConnection>> open)
    {
        _open = open;
        _loop = Task.Run(RunAsync);
    }

    public Task<T> EnqueueAsync<T>(Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new Write<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(write)) throw new ObjectDisposedException(nameof(SqliteWriteQueue), "the database is closing");
        return write.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<IWrite>(MaxBatch);
        var done = new List<IWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            done.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                _connection ??= await _open(CancellationToken.None);
                await using var transaction = await _connection.BeginTransactionAsync();
                foreach (var write in batch)
                {
                    await transaction.SaveAsync("write");
                    try
                    {
                        await write.RunAsync(transaction);
                        await transaction.ReleaseAsync("write");
                        done.Add(write);
                    }
                    catch (Exception e)
                    {
                        await transaction.RollbackAsync("write");
                        await transaction.ReleaseAsync("write");
                        write.Fail(e);
                    }
                }
                await transaction.CommitAsync();
                foreach (var write in done) write.Complete();
            }
            catch (Exception e)
            {
                // The connection or the commit failed: nothing of this batch is durable; start afresh.
                foreach (var write in batch) write.Fail(e);
                if (_connection is not null) await _connection.DisposeAsync();
                _connection = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_connection is not null) await _connection.DisposeAsync();
    }

    private interface IWrite
    {
        Task RunAsync(DbTransaction transaction);
        void Complete();
        void Fail(Exception error);
    }

    private sealed class Write<T>(Func<DbTransaction, Task<T>> work, CancellationToken cancellationToken) : IWrite
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _done.Task;

        public async Task RunAsync(DbTransaction transaction)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _result = await work(transaction);
        }

        public void Complete() => _done.TrySetResult(_result!);

        public void Fail(Exception error) => _done.TrySetException(error);
    }
}
