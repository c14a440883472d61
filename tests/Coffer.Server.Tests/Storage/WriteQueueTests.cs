using Coffer.Server.Configuration;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Storage;

/// <summary>SQLite's writes share transactions (group commit); a failing write still fails alone.</summary>
public class WriteQueueTests
{
    [Fact]
    public async Task Concurrent_writes_all_commit_except_the_one_that_fails()
    {
        await using var server = await CofferTestServer.StartAsync(StorageKind.Sqlite);
        var database = server.Services.GetRequiredService<Database>();
        await database.WriteAsync(tx => tx.Sql("CREATE TABLE probe (id integer PRIMARY KEY)").RunAsync());

        var writes = Enumerable.Range(0, 50).Select(i => database.WriteAsync(async tx =>
        {
            await tx.Sql("INSERT INTO probe (id) VALUES (@id)").With("id", i).RunAsync();
            if (i == 17) throw new InvalidOperationException("this write fails after its insert");
            return i;
        })).ToList();
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[17]);
        var committed = await Task.WhenAll(writes.Where((_, i) => i != 17));

        var stored = await database.ReadAsync(c => c.Sql("SELECT id FROM probe ORDER BY id").ListAsync(r => r.GetInt64(0)));
        Assert.Equal("this write fails after its insert", failed.Message);
        Assert.Equal(49, committed.Length);
        Assert.Equal(Enumerable.Range(0, 50).Where(i => i != 17).Select(i => (long)i), stored);
    }
}
