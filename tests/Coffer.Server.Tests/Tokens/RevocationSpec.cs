using System.Net;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Coffer.Server.Tokens;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>revoke, revoke-self, revoke-accessor, revoke-orphan: a token goes with all its descendants.</summary>
public abstract class RevocationSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    /// <summary>A chain root → t0 → t1 → … → t(depth-1); returns the tokens in order.</summary>
    private async Task<List<Created>> ChainAsync(int depth)
    {
        var chain = new List<Created>();
        var caller = Root;
        for (var i = 0; i < depth; i++)
        {
            chain.Add(await caller.CreateTokenAsync("""{"ttl": "1h"}"""));
            caller = Server.ClientWithToken(chain[^1].Token);
        }
        return chain;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public async Task Revoking_a_token_revokes_every_descendant(int depth)
    {
        var chain = await ChainAsync(depth + 1);

        await Root.PostAsync($"{Base}/revoke", Json($$"""{"token": "{{chain[0].Token}}"}""")).ExpectAsync(HttpStatusCode.NoContent);

        foreach (var token in chain) Assert.Equal(HttpStatusCode.Unauthorized, await Server.StatusOfSelfLookupAsync(token.Token));
    }

    [Fact]
    public async Task Revoke_self_on_a_grandparent_removes_all_four_tokens_of_its_tree()
    {
        var grandparent = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asGrandparent = Server.ClientWithToken(grandparent.Token);
        var parentA = await asGrandparent.CreateTokenAsync("""{"ttl": "1h"}""");
        var parentB = await asGrandparent.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asParentA = Server.ClientWithToken(parentA.Token);
        var child = await asParentA.CreateTokenAsync("""{"ttl": "1h"}""");

        await asGrandparent.PostAsync($"{Base}/revoke-self", null).ExpectAsync(HttpStatusCode.NoContent);

        foreach (var token in new[] { grandparent, parentA, parentB, child })
            Assert.Equal(HttpStatusCode.Unauthorized, await Server.StatusOfSelfLookupAsync(token.Token));
    }

    [Fact]
    public async Task Orphans_are_not_descendants_and_survive()
    {
        var parent = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        var orphan = await Root.CreateTokenAsync("""{"ttl": "1h", "no-parent": true}""");

        await Root.PostAsync($"{Base}/revoke", Json($$"""{"token": "{{parent.Token}}"}""")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.OK, await Server.StatusOfSelfLookupAsync(orphan.Token));
    }

    [Fact]
    public async Task Revoke_accessor_makes_the_token_unusable_and_an_unknown_accessor_is_404()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h"}""");

        await Root.PostAsync($"{Base}/revoke-accessor", Json($$"""{"accessor": "{{token.Accessor}}"}""")).ExpectAsync(HttpStatusCode.NoContent);
        await Root.PostAsync($"{Base}/revoke-accessor", Json($$"""{"accessor": "{{token.Accessor}}"}""")).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.Unauthorized, await Server.StatusOfSelfLookupAsync(token.Token));
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_204_and_a_missing_one_is_400()
    {
        await Root.PostAsync($"{Base}/revoke", Json($$"""{"token": "{{Guid.NewGuid()}}"}""")).ExpectAsync(HttpStatusCode.NoContent);
        var error = await Root.PostAsync($"{Base}/revoke", Json("{}")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("send the token to revoke", error.ErrorMessage());
    }

    [Fact]
    public async Task Revoke_orphan_revokes_only_the_token_and_its_children_become_orphans()
    {
        var chain = await ChainAsync(3);

        await Root.PostAsync($"{Base}/revoke-orphan", Json($$"""{"token": "{{chain[0].Token}}"}""")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await Server.StatusOfSelfLookupAsync(chain[0].Token));
        Assert.True((await Root.InfoAsync(chain[1].Token)).GetProperty("orphan").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, await Server.StatusOfSelfLookupAsync(chain[2].Token));
    }

    [Fact]
    public async Task Revoke_orphan_needs_root_and_leaves_the_token_alone_otherwise()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "policies": []}""");
        using var self = Server.ClientWithToken(token.Token);

        var error = await self.PostAsync($"{Base}/revoke-orphan", Json($$"""{"token": "{{token.Token}}"}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains("needs a root token", error.ErrorMessage());
        Assert.Equal(HttpStatusCode.OK, await Server.StatusOfSelfLookupAsync(token.Token));
    }

    [Fact]
    public async Task A_use_limited_token_can_be_revoked_by_another_and_revoke_itself_on_its_last_use()
    {
        var byRoot = await Root.CreateTokenAsync("""{"ttl": "1h", "num-uses": 3}""");
        var bySelf = await Root.CreateTokenAsync("""{"ttl": "1h", "num-uses": 2}""");
        using var self = Server.ClientWithToken(bySelf.Token);

        await Root.PostAsync($"{Base}/revoke", Json($$"""{"token": "{{byRoot.Token}}"}""")).ExpectAsync(HttpStatusCode.NoContent);
        var before = await self.InfoAsync();
        await self.PostAsync($"{Base}/revoke-self", null).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(1, before.GetProperty("num-uses").GetInt32());
        await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{byRoot.Accessor}}"}""")).ExpectAsync(HttpStatusCode.NotFound);
        await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{bySelf.Accessor}}"}""")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, await Server.StatusOfSelfLookupAsync(bySelf.Token));
    }

    [Fact]
    public async Task A_token_whose_last_use_is_spent_is_hidden_from_lookups_before_it_is_removed()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "num-uses": 1}""");
        var database = Server.Services.GetRequiredService<Database>();
        // Spend the last use as a request would, without the revocation that follows it.
        await database.WriteAsync(tx => tx.Sql("UPDATE tokens SET num_uses = -1 WHERE accessor = @accessor").With("accessor", Guid.Parse(token.Accessor)).RunAsync());

        await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{token.Accessor}}"}""")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, await Server.StatusOfSelfLookupAsync(token.Token));
        Assert.DoesNotContain(token.Accessor, await Root.AccessorsAsync());
    }

    [Fact]
    public async Task A_cycle_in_a_corrupted_parent_index_does_not_hang_revocation_and_is_cleaned()
    {
        var chain = await ChainAsync(3);
        var database = Server.Services.GetRequiredService<Database>();
        // Corrupt the index: the first token's parent becomes its own grandchild.
        await database.WriteAsync(tx => tx.Sql("UPDATE tokens SET parent = @grandchild WHERE accessor = @first")
            .With("grandchild", Guid.Parse(chain[2].Accessor)).With("first", Guid.Parse(chain[0].Accessor)).RunAsync());

        var revoked = await Server.Services.GetRequiredService<TokenRevoker>().RevokeTreeAsync(Guid.Parse(chain[1].Accessor), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, revoked);
        foreach (var token in chain) Assert.Equal(HttpStatusCode.Unauthorized, await Server.StatusOfSelfLookupAsync(token.Token));
    }
}

public sealed class RevocationOnSqlite(SqliteServerFixture fixture) : RevocationSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class RevocationOnPostgres(PostgresServerFixture fixture) : RevocationSpec(fixture), IClassFixture<PostgresServerFixture>;
