using System.Net;
using System.Security.Cryptography;
using System.Text;
using Coffer.Server.Seal;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>What a token is and what is kept of it (Vault's Salting, TokenID and AccessorIndex, B.11, adapted).</summary>
public abstract class TokenStorageSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    private Task<byte[]?> StoredVerifierAsync(string accessor) =>
        Server.Services.GetRequiredService<Database>().ReadAsync(c => c.Sql("SELECT verifier FROM tokens WHERE accessor = @accessor")
            .With("accessor", Guid.Parse(accessor)).SingleOrDefaultAsync(r => (byte[])r.GetValue(0)));

    [Fact]
    public async Task The_stored_verifier_is_hmac_sha256_of_the_token_under_the_keyrings_token_key()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        var key = Server.Services.GetRequiredService<SealManager>().Keyring.Secret(KeyringSecrets.TokenHmac).ToArray();

        var stored = await StoredVerifierAsync(token.Accessor);

        Assert.NotNull(stored);
        Assert.Equal(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(token.Token)), stored);
        Assert.NotEqual(SHA256.HashData(Encoding.UTF8.GetBytes(token.Token)), stored);
        Assert.NotEqual(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token.Token), Encoding.UTF8.GetBytes(token.Token)), stored);
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token.Token)));
        Assert.Equal(-1, stored.AsSpan().IndexOf(Guid.Parse(token.Token).ToByteArray()));
    }

    [Fact]
    public async Task Tokens_and_accessors_are_independent_random_uuid_v4s()
    {
        var first = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        var second = await Root.CreateTokenAsync("""{"ttl": "1h"}""");

        foreach (var value in new[] { first.Token, first.Accessor, second.Token, second.Accessor })
            Assert.Equal(4, Guid.Parse(value).Version);
        Assert.Equal(4, new[] { first.Token, first.Accessor, second.Token, second.Accessor }.Distinct().Count());
    }

    [Fact]
    public async Task A_custom_token_id_cannot_be_chosen_even_by_root()
    {
        var error = await Root.PostAsync($"{Base}/create-token", Json($$"""{"ttl": "1h", "id": "{{Guid.NewGuid()}}"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("unknown field 'id'", error.ErrorMessage());
    }

    [Fact]
    public async Task Every_token_has_an_accessor_that_maps_back_to_it_and_to_nothing_once_it_is_revoked()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "display-name": "mapped"}""");

        var byAccessor = await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{token.Accessor}}"}""")).ExpectAsync(HttpStatusCode.OK);
        await Root.PostAsync($"{Base}/revoke", Json($$"""{"token": "{{token.Token}}"}""")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal("mapped", byAccessor.Str("display-name"));
        await Root.PostAsync("/v1/token-info", Json($$"""{"accessor": "{{token.Accessor}}"}""")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Null(await StoredVerifierAsync(token.Accessor));
    }
}

public sealed class TokenStorageOnSqlite(SqliteServerFixture fixture) : TokenStorageSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class TokenStorageOnPostgres(PostgresServerFixture fixture) : TokenStorageSpec(fixture), IClassFixture<PostgresServerFixture>;
