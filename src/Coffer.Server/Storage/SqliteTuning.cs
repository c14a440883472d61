using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Storage;

/// <summary>
/// Settings each physical SQLite connection gets once (pooled connections keep them): reads through a
/// memory map instead of a read() call per page, and a larger page cache.
/// </summary>
internal static class SqliteTuning
{
    private static readonly ConditionalWeakTable<object, object> Prepared = new();

    public static async ValueTask PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Prepared.TryGetValue(handle, out _)) return;
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        Prepared.AddOrUpdate(handle, handle);
    }
}
