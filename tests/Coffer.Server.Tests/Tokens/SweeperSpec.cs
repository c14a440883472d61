using Coffer.Server.Configuration;
using Coffer.Server.Seal;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Coffer.Server.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>The sweeper's rarer duty: tokens whose parent is gone (a crash mid-revocation, a hand-edited database).</summary>
public abstract class SweeperSpec(StorageKind kind)
{
    [Fact]
    public async Task A_token_left_without_its_parent_is_swept_at_the_first_pass_and_then_hourly()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        var sweeper = new TokenSweeper(server.Services.GetRequiredService<ITokenStore>(), server.Services.GetRequiredService<TokenRevoker>(),
            server.Services.GetRequiredService<SealManager>(), new TokenSettings(), server.Clock, NullLogger<TokenSweeper>.Instance);

        var first = await StrandAsync(server, root);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(first.Token));

        var second = await StrandAsync(server, root);
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        server.Clock.Advance(TokenSweeper.StrandedInterval);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, await server.StatusOfSelfLookupAsync(second.Token));
    }

    /// <summary>A parent and its child, then the parent's row removed behind the server's back.</summary>
    private static async Task<Created> StrandAsync(CofferTestServer server, HttpClient root)
    {
        var parent = await root.CreateTokenAsync("""{"ttl": "3h"}""");
        using var asParent = server.ClientWithToken(parent.Token);
        var child = await asParent.CreateTokenAsync("""{"ttl": "2h"}""");
        await server.Services.GetRequiredService<Database>().WriteAsync(tx => tx.Sql("DELETE FROM tokens WHERE accessor = @parent")
            .With("parent", Guid.Parse(parent.Accessor)).RunAsync());
        return child;
    }
}

public sealed class SweeperOnSqlite() : SweeperSpec(StorageKind.Sqlite);

public sealed class SweeperOnPostgres() : SweeperSpec(StorageKind.Postgres);
