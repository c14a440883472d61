using System.Net;
using System.Text;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Users;

/// <summary>Userpass users and POST /v1/login.</summary>
public abstract class UserpassSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    private Task<System.Text.Json.JsonElement> LoginAsync(string user, string password, HttpStatusCode expected = HttpStatusCode.OK) =>
        Server.Client.PostAsync("/v1/login", Json($$"""{"username": "{{user}}", "password": "{{password}}"}""")).ExpectAsync(expected);

    [Fact]
    public async Task Login_gives_a_token_named_after_the_user_with_its_settings_and_source()
    {
        var (user, policy) = (Unique("joe"), Unique("joe-policy"));
        await Root.PutEmptyishPolicyAsync(policy);
        await Root.PutAsync($"/v1/config/users/{user}", Json($$"""
            {"password": "s3cret passphrase", "policies": ["{{policy}}"], "token-ttl": "2h", "token-max-ttl": "4h", "token-bound-cidrs": ["127.0.0.0/8"]}
            """)).ExpectAsync(HttpStatusCode.OK);

        var login = await LoginAsync(user, "s3cret passphrase");
        var info = await Root.InfoAsync(login.Str("token"));

        Assert.Equal($"userpass-{user}", info.Str("display-name"));
        Assert.Equal(user, info.GetProperty("meta").Str("username"));
        Assert.Equal("userpass", info.GetProperty("meta").Str("source"));
        Assert.Equal("127.0.0.1", info.GetProperty("meta").Str("ip"));
        Assert.Equal([policy, "default"], info.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("2h", info.Str("ttl"));
        Assert.Equal("4h", info.Str("explicit-max-ttl"));
        Assert.Equal(["127.0.0.0/8"], info.GetProperty("bound-cidrs").EnumerateArray().Select(p => p.GetString()));
        Assert.True(info.GetProperty("orphan").GetBoolean());
        Assert.NotEqual("root", info.Str("entity-id"));
    }

    [Fact]
    public async Task A_wrong_user_and_a_wrong_password_get_the_same_401()
    {
        var user = Unique("erin");
        await Root.PutAsync($"/v1/config/users/{user}", Json("""{"password": "right one"}""")).ExpectAsync(HttpStatusCode.OK);

        var wrongPassword = await LoginAsync(user, "wrong one", HttpStatusCode.Unauthorized);
        var wrongUser = await LoginAsync(Unique("nobody"), "right one", HttpStatusCode.Unauthorized);

        Assert.Equal(wrongPassword.ErrorMessage(), wrongUser.ErrorMessage());
        Assert.Equal("wrong username or password", wrongUser.ErrorMessage());
    }

    [Fact]
    public async Task Each_user_is_its_own_entity_and_keeps_it_across_password_changes()
    {
        var user = Unique("fay");
        var created = await Root.PutAsync($"/v1/config/users/{user}", Json("""{"password": "first"}""")).ExpectAsync(HttpStatusCode.OK);

        var changed = await Root.PatchAsync($"/v1/config/users/{user}", Json("""{"password": "second"}""")).ExpectAsync(HttpStatusCode.OK);
        await LoginAsync(user, "first", HttpStatusCode.Unauthorized);
        var login = await LoginAsync(user, "second");

        Assert.Equal(created.Str("entity-id"), changed.Str("entity-id"));
        Assert.Equal(created.Str("entity-id"), (await Root.InfoAsync(login.Str("token"))).Str("entity-id"));
        Assert.False(changed.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Passwords_are_kept_as_encrypted_argon2id_hashes()
    {
        var user = Unique("gus");
        await Root.PutAsync($"/v1/config/users/{user}", Json("""{"password": "plaintext-canary-42"}""")).ExpectAsync(HttpStatusCode.OK);

        var stored = await Server.Services.GetRequiredService<Database>().ReadAsync(c =>
            c.Sql("SELECT sealed_password FROM users WHERE name = @name").With("name", user).SingleOrDefaultAsync(r => (byte[])r.GetValue(0)));

        Assert.NotNull(stored);
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes("plaintext-canary-42")));
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes("argon2id")));
    }

    [Fact]
    public async Task Bad_user_requests_are_refused_with_the_reason()
    {
        var noPassword = await Root.PutAsync($"/v1/config/users/{Unique("hal")}", Json("{}")).ExpectAsync(HttpStatusCode.BadRequest);
        var unknownPolicy = await Root.PutAsync($"/v1/config/users/{Unique("ida")}", Json("""{"password": "x", "policies": ["nope-nope"]}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var badTtl = await Root.PutAsync($"/v1/config/users/{Unique("jan")}", Json("""{"password": "x", "token-ttl": "1h1h"}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var noBody = await Server.Client.PostAsync("/v1/login", Json("{}")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("needs a password", noPassword.ErrorMessage());
        Assert.Contains("policy 'nope-nope' does not exist", unknownPolicy.ErrorMessage());
        Assert.Contains("token-ttl:", badTtl.ErrorMessage());
        Assert.Contains("username", noBody.ErrorMessage());
    }
}

public sealed class UserpassOnSqlite(SqliteServerFixture fixture) : UserpassSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class UserpassOnPostgres(PostgresServerFixture fixture) : UserpassSpec(fixture), IClassFixture<PostgresServerFixture>;
