using System.Net;
using Coffer.Server.Configuration;
using Coffer.Server.Seal;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;

namespace Coffer.Server.Tests.Seal;

/// <summary>seal: auto — a key file unwraps the root key, so a restart needs no operator.</summary>
public abstract class AutoUnsealSpec(StorageKind kind)
{
    private static async Task<string> KeyFileAsync(TestStorage storage, string name)
    {
        var file = Path.Combine(storage.Folder, name);
        await AutoUnsealKey.CreateAsync(file, CancellationToken.None);
        return file;
    }

    [Fact]
    public async Task Init_unseals_at_once_and_every_restart_unseals_from_the_key_file()
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var key = await KeyFileAsync(storage, "unseal.key");
        await using var server = await CofferTestServer.StartAsync(storage, s => s with { Seal = new SealSettings(key) }, ownsStorage: false);

        var init = await server.InitializeAsync(shares: 3, threshold: 2);
        await server.Client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.OK);
        await server.RestartAsync();

        await server.Client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.OK);
        var status = await server.Client.GetAsync("/v1/sys/seal-status").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("auto", status.Str("type"));
        Assert.Equal(3, init.Keys.Count);
    }

    [Fact]
    public async Task A_key_file_of_another_deployment_stops_the_start()
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var key = await KeyFileAsync(storage, "unseal.key");
        var wrong = await KeyFileAsync(storage, "other.key");
        await using var server = await CofferTestServer.StartAsync(storage, s => s with { Seal = new SealSettings(key) }, ownsStorage: false);
        await server.InitializeAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => server.RestartAsync(s => s with { Seal = new SealSettings(wrong) }));

        Assert.Contains("belongs to another deployment", error.Message);
        Assert.Contains(wrong, error.Message);
    }

    [Fact]
    public async Task An_auto_sealed_server_that_was_sealed_by_hand_unseals_with_its_shares()
    {
        await using var storage = await TestStorage.CreateAsync(kind);
        var key = await KeyFileAsync(storage, "unseal.key");
        await using var server = await CofferTestServer.StartAsync(storage, s => s with { Seal = new SealSettings(key) }, ownsStorage: false);
        var init = await server.InitializeAsync(shares: 3, threshold: 2);
        using var root = server.ClientWithToken(init.RootToken);
        await root.PostAsync("/v1/sys/seal", null).ExpectAsync(HttpStatusCode.NoContent);

        await server.UnsealWithAsync(init.Keys[0]);
        var status = await server.UnsealWithAsync(init.Keys[1]);

        Assert.False(status.GetProperty("sealed").GetBoolean());
    }
}

public sealed class AutoUnsealOnSqlite() : AutoUnsealSpec(StorageKind.Sqlite);

public sealed class AutoUnsealOnPostgres() : AutoUnsealSpec(StorageKind.Postgres);
