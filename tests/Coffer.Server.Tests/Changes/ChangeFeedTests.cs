using Coffer.Server.Changes;
using Coffer.Server.Configuration;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Changes;

/// <summary>In-memory state is told when stored state changes: on this node at commit, on others through PostgreSQL.</summary>
public class ChangeFeedTests
{
    [Fact]
    public async Task A_change_committed_on_one_node_reaches_another_node_through_postgres()
    {
        await using var storage = await TestStorage.CreateAsync(StorageKind.Postgres);
        await using var nodeA = await CofferTestServer.StartAsync(storage, null, ownsStorage: false);
        await using var nodeB = await CofferTestServer.StartAsync(storage, null, ownsStorage: false);
        var heardOnB = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        nodeB.Services.GetRequiredService<ChangeFeed>().Subscribe("test-topic", key => { if (key != ChangeFeed.Everything) heardOnB.TrySetResult(key); });
        var heardOnA = new List<string>();
        nodeA.Services.GetRequiredService<ChangeFeed>().Subscribe("test-topic", heardOnA.Add);
        await Task.Delay(300); // node B's listener connects in the background

        await nodeA.Services.GetRequiredService<Database>().WriteAsync((_, changes) =>
        {
            changes.Add("test-topic", "token-42");
            return Task.FromResult(true);
        });

        Assert.Equal("token-42", await heardOnB.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["token-42"], heardOnA);
    }

    [Fact]
    public async Task A_rolled_back_write_announces_nothing()
    {
        await using var server = await CofferTestServer.StartAsync(StorageKind.Sqlite);
        var heard = new List<string>();
        server.Services.GetRequiredService<ChangeFeed>().Subscribe("test-topic", heard.Add);

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Services.GetRequiredService<Database>().WriteAsync<bool>((_, changes) =>
        {
            changes.Add("test-topic", "never");
            throw new InvalidOperationException("the write fails");
        }));

        Assert.Empty(heard);
    }
}
