using System.Net;
using Coffer.Server.Configuration;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Coffer.Server.Tokens;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>Expiry on the fake clock, the sweeper, and what survives a restart.</summary>
public abstract class TokenLifecycleSpec(StorageKind kind)
{
    private static async Task<(CofferTestServer Server, HttpClient Root, SealSteps.Initialized Init)> StartAsync(StorageKind kind)
    {
        var server = await CofferTestServer.StartAsync(kind);
        var init = await server.InitializeAndUnsealAsync(1, 1);
        return (server, server.ClientWithToken(init.RootToken), init);
    }

    private static Task<long> CountTokensAsync(CofferTestServer server) =>
        server.Services.GetRequiredService<Database>().ReadAsync(c => c.Sql("SELECT count(*) FROM tokens").ScalarAsync<long>());

    [Fact]
    public async Task When_a_parent_expires_its_children_go_with_it_and_orphans_survive()
    {
        var (server, root, _) = await StartAsync(kind);
        await using var _server = server;
        var parent = await root.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asParent = server.ClientWithToken(parent.Token);
        var child = await asParent.CreateTokenAsync("""{"ttl": "1h"}""");
        var orphan = await root.CreateTokenAsync("""{"ttl": "3h", "no-parent": true}""");

        server.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(parent.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(child.Token));
        Assert.Equal(HttpStatusCode.OK, await server.StatusOfSelfLookupAsync(orphan.Token));
        Assert.Equal(2, await server.Services.GetRequiredService<TokenSweeper>().SweepAsync(CancellationToken.None));
        Assert.Equal(2, await CountTokensAsync(server)); // root and the orphan
    }

    [Fact]
    public async Task Refreshing_a_parent_to_a_shorter_life_shortens_its_descendants_so_none_outlives_it()
    {
        var (server, root, _) = await StartAsync(kind);
        await using var _server = server;
        var (parent, child, grandchild) = await server.CreateLineageAsync(root);
        using var asParent = server.ClientWithToken(parent.Token);
        var shortLived = await asParent.CreateTokenAsync("""{"ttl": "5m"}""");
        // Used once, so the cache holds them: the refresh must reach cached copies too.
        Assert.Equal(HttpStatusCode.OK, await server.StatusOfSelfLookupAsync(child.Token));
        Assert.Equal(HttpStatusCode.OK, await server.StatusOfSelfLookupAsync(grandchild.Token));

        var refreshed = await asParent.PostAsync($"{Base}/refresh", Json("""{"increment": "10m"}""")).ExpectAsync(HttpStatusCode.OK);
        var childInfo = await root.InfoAsync(child.Token);
        var shortInfo = await root.InfoAsync(shortLived.Token);
        server.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal(refreshed.Str("expires"), childInfo.Str("expires"));
        Assert.Equal("10m", childInfo.Str("ttl"));
        Assert.Equal("5m", shortInfo.Str("ttl"));
        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(parent.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(child.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(grandchild.Token));
    }

    [Fact]
    public async Task Shortening_a_parent_clamps_many_descendants_batch_by_batch_and_survives_a_cycle()
    {
        await using var server = await CofferTestServer.StartAsync(kind, s => s with { Tokens = s.Tokens with { RevocationBatch = 2 } });
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        var parent = await root.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asParent = server.ClientWithToken(parent.Token);
        var children = new List<Created>();
        for (var i = 0; i < 5; i++) children.Add(await asParent.CreateTokenAsync("""{"ttl": "1h"}"""));
        // Corrupt the index: the parent's parent becomes its own child.
        await server.Services.GetRequiredService<Database>().WriteAsync(tx => tx.Sql("UPDATE tokens SET parent = @child WHERE accessor = @parent")
            .With("child", Guid.Parse(children[0].Accessor)).With("parent", Guid.Parse(parent.Accessor)).RunAsync());

        await asParent.PostAsync($"{Base}/refresh", Json("""{"increment": "10m"}""")).ExpectAsync(HttpStatusCode.OK).WaitAsync(TimeSpan.FromSeconds(10));

        foreach (var child in children) Assert.Equal("10m", (await root.InfoAsync(child.Token)).Str("ttl"));
    }

    [Fact]
    public async Task A_child_stored_with_a_longer_life_than_its_parent_is_refused_by_the_store()
    {
        var (server, root, _) = await StartAsync(kind);
        await using var _server = server;
        var parent = await root.CreateTokenAsync("""{"ttl": "10m"}""");
        var store = server.Services.GetRequiredService<ITokenStore>();
        var stored = (await store.FindByAccessorAsync(Guid.Parse(parent.Accessor), CancellationToken.None))!;
        var now = server.Clock.GetUtcNow();
        StoredToken Child(TimeSpan ttl) => stored with
        {
            Accessor = Guid.NewGuid(), Verifier = Guid.NewGuid().ToByteArray(), Parent = stored.Accessor, CreationTime = now, ExpireTime = now + ttl,
        };

        // What a create that read the parent just before a refresh shortened it would write.
        Assert.False(await store.InsertAsync(Child(TimeSpan.FromHours(1)), CancellationToken.None));
        Assert.True(await store.InsertAsync(Child(TimeSpan.FromMinutes(10)), CancellationToken.None));
    }

    [Fact]
    public async Task The_sweeper_revokes_expired_tokens_with_their_descendants_in_bounded_batches()
    {
        var (server, root, _) = await StartAsync(kind);
        await using var _server = server;
        var parents = new List<Created>();
        for (var i = 0; i < 3; i++) parents.Add(await root.CreateTokenAsync("""{"ttl": "1m"}"""));
        foreach (var parent in parents)
        {
            using var asParent = server.ClientWithToken(parent.Token);
            await asParent.CreateTokenAsync("""{"ttl": "1m"}""");
        }
        var survivor = await root.CreateTokenAsync("""{"ttl": "1h"}""");
        server.Clock.Advance(TimeSpan.FromMinutes(5));
        var sweeper = new TokenSweeper(server.Services.GetRequiredService<ITokenStore>(), server.Services.GetRequiredService<TokenRevoker>(),
            server.Services.GetRequiredService<Coffer.Server.Seal.SealManager>(), new TokenSettings { RevocationBatch = 2 }, server.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TokenSweeper>.Instance);

        var swept = new List<int>();
        int count;
        while ((count = await sweeper.SweepAsync(CancellationToken.None)) > 0) swept.Add(count);

        Assert.Equal(6, swept.Sum());
        Assert.True(swept.Count >= 2, "a batch of 2 expired roots cannot take all three trees at once");
        Assert.Equal(HttpStatusCode.OK, await server.StatusOfSelfLookupAsync(survivor.Token));
    }

    [Fact]
    public async Task The_background_sweeper_removes_expired_tokens_on_its_own()
    {
        await using var server = await CofferTestServer.StartAsync(kind, s => s with { Tokens = new TokenSettings { SweepInterval = TimeSpan.FromMinutes(1) } });
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        await root.CreateTokenAsync("""{"ttl": "1m"}""");

        server.Clock.Advance(TimeSpan.FromMinutes(3));

        for (var i = 0; i < 100 && await CountTokensAsync(server) > 1; i++) await Task.Delay(50);
        Assert.Equal(1, await CountTokensAsync(server));
    }

    [Fact]
    public async Task Tokens_accessors_and_trees_survive_a_restart()
    {
        var (server, root, init) = await StartAsync(kind);
        await using var _server = server;
        var parent = await root.CreateTokenAsync("""{"ttl": "1h", "display-name": "kept", "meta": {"k": "v"}}""");
        using (var asParent = server.ClientWithToken(parent.Token)) await asParent.CreateTokenAsync("""{"ttl": "30m"}""");

        await server.RestartAsync();
        await server.UnsealWithAsync(init.Keys[0]);
        using var rootAgain = server.ClientWithToken(init.RootToken);
        var info = await rootAgain.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{parent.Accessor}}"}""")).ExpectAsync(HttpStatusCode.OK);
        using var asParentAgain = server.ClientWithToken(parent.Token);
        var children = await asParentAgain.AccessorsAsync();
        await rootAgain.PostAsync($"{Base}/revoke", Json($$"""{"token": "{{parent.Token}}"}""")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal("kept", info.Str("display-name"));
        Assert.Equal("v", info.GetProperty("meta").Str("k"));
        Assert.Equal(3, children.Count); // the root entity's tokens: root, parent, child
        Assert.Equal(1, await CountTokensAsync(server));
    }

    [Fact]
    public async Task Tokens_that_expired_while_the_server_was_down_are_refused_at_once()
    {
        var (server, root, init) = await StartAsync(kind);
        await using var _server = server;
        var token = await root.CreateTokenAsync("""{"ttl": "10m"}""");

        await server.RestartAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(11));
        await server.UnsealWithAsync(init.Keys[0]);

        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(token.Token));
    }

    [Fact]
    public async Task Tokens_that_expired_while_the_server_was_down_are_revoked_and_removed_after_start()
    {
        await using var server = await CofferTestServer.StartAsync(kind, s => s with { Tokens = s.Tokens with { SweepInterval = TimeSpan.FromMinutes(1) } });
        var init = await server.InitializeAndUnsealAsync(1, 1);
        using (var root = server.ClientWithToken(init.RootToken))
        {
            var parent = await root.CreateTokenAsync("""{"ttl": "10m"}""");
            using var asParent = server.ClientWithToken(parent.Token);
            await asParent.CreateTokenAsync("""{"ttl": "5m"}""");
            await root.CreateTokenAsync("""{"ttl": "1h"}""");
        }
        Assert.Equal(4, await CountTokensAsync(server));

        await server.RestartAsync();
        server.Clock.Advance(TimeSpan.FromMinutes(11));
        await server.UnsealWithAsync(init.Keys[0]);
        server.Clock.Advance(TimeSpan.FromMinutes(1));

        for (var i = 0; i < 100 && await CountTokensAsync(server) > 2; i++) await Task.Delay(50);
        Assert.Equal(2, await CountTokensAsync(server)); // root and the hour-long token
    }

    [Fact]
    public async Task A_token_whose_parent_vanished_is_swept_with_its_subtree()
    {
        var (server, root, _) = await StartAsync(kind);
        await using var _server = server;
        var (parent, _, grandchild) = await server.CreateLineageAsync(root);
        // What an interrupted revocation could leave: the parent's row gone, its children still there.
        await server.Services.GetRequiredService<Database>().WriteAsync(tx => tx.Sql("DELETE FROM tokens WHERE accessor = @parent")
            .With("parent", Guid.Parse(parent.Accessor)).RunAsync());

        Assert.Equal(2, await server.Services.GetRequiredService<TokenSweeper>().SweepAsync(CancellationToken.None));
        Assert.Equal(1, await CountTokensAsync(server));
        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(grandchild.Token));
    }

    [Fact]
    public async Task Deleting_a_user_revokes_the_tokens_of_its_entity()
    {
        var (server, root, _) = await StartAsync(kind);
        await using var _server = server;
        await root.PutPolicyAsync("token-maker", $"    - path: {Base}/create-token\n      operations: {{execute: allow}}\n");
        await root.PutAsync("/v1/config/users/dave", Json("""{"password": "correct horse battery", "policies": ["token-maker"]}""")).ExpectAsync(HttpStatusCode.OK);
        var login = await server.Client.PostAsync("/v1/login", Json("""{"username": "dave", "password": "correct horse battery"}""")).ExpectAsync(HttpStatusCode.OK);
        using var asDave = server.ClientWithToken(login.Str("token"));
        var child = await asDave.CreateTokenAsync("""{"ttl": "10m"}""");

        await root.DeleteAsync("/v1/config/users/dave").ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(login.Str("token")));
        Assert.Equal(HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(child.Token));
    }
}

public sealed class TokenLifecycleOnSqlite() : TokenLifecycleSpec(StorageKind.Sqlite);

public sealed class TokenLifecycleOnPostgres() : TokenLifecycleSpec(StorageKind.Postgres);
