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

    /// <summary>A token that may write users (and create tokens) but holds no other power.</summary>
    private async Task<HttpClient> UserAdminAsync()
    {
        var admin = Unique("user-admin");
        await Root.PutPolicyAsync(admin, "    - path: /v1/config/users/*\n      operations: {all: allow}\n");
        var token = await Root.CreateTokenAsync($$"""{"ttl": "1h", "policies": ["{{admin}}"]}""");
        return Server.ClientWithToken(token.Token);
    }

    [Fact]
    public async Task A_non_root_caller_may_assign_a_user_only_policies_it_holds_and_never_root()
    {
        var other = Unique("other");
        await Root.PutEmptyishPolicyAsync(other);
        using var admin = await UserAdminAsync();
        var (evil, sneaky) = (Unique("evil"), Unique("sneaky"));

        var asRoot = await admin.PutAsync($"/v1/config/users/{evil}", Json("""{"password": "pw", "policies": ["root"]}""")).ExpectAsync(HttpStatusCode.Forbidden);
        var notHeld = await admin.PutAsync($"/v1/config/users/{sneaky}", Json($$"""{"password": "pw", "policies": ["{{other}}"]}""")).ExpectAsync(HttpStatusCode.Forbidden);
        await admin.PutAsync($"/v1/config/users/{sneaky}", Json("""{"password": "pw", "policies": ["default"]}""")).ExpectAsync(HttpStatusCode.OK);
        var patched = await admin.PatchAsync($"/v1/config/users/{sneaky}", Json("""{"policies": ["root"]}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains("policy 'root'", asRoot.ErrorMessage());
        Assert.Contains($"policy '{other}'", notHeld.ErrorMessage());
        Assert.Contains("policy 'root'", patched.ErrorMessage());
        await Root.GetAsync($"/v1/config/users/{evil}").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(["default"], (await Root.GetAsync($"/v1/config/users/{sneaky}").ExpectAsync(HttpStatusCode.OK))
            .GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        await LoginAsync(evil, "pw", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_non_root_caller_cannot_take_over_a_user_holding_policies_it_does_not_hold()
    {
        var user = Unique("boss");
        await Root.PutAsync($"/v1/config/users/{user}", Json("""{"password": "boss password", "policies": ["root"]}""")).ExpectAsync(HttpStatusCode.OK);
        using var admin = await UserAdminAsync();

        var password = await admin.PatchAsync($"/v1/config/users/{user}", Json("""{"password": "mine now"}""")).ExpectAsync(HttpStatusCode.Forbidden);
        var replaced = await admin.PutAsync($"/v1/config/users/{user}", Json("""{"password": "mine now", "policies": []}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains("policy 'root'", password.ErrorMessage());
        Assert.Contains("policy 'root'", replaced.ErrorMessage());
        await LoginAsync(user, "mine now", HttpStatusCode.Unauthorized);
        await LoginAsync(user, "boss password");
    }

    [Theory]
    [InlineData("""{"password": "pw", "policies": [null]}""", "field 'policies[0]' must not be null")]
    [InlineData("""{"password": "pw", "token-bound-cidrs": [null]}""", "field 'token-bound-cidrs[0]' must not be null")]
    [InlineData("""{"password": "pw", "token-bound-cidrs": ["10.1.2.3"]}""", "token-bound-cidrs[0]: '10.1.2.3' has no prefix length")]
    public async Task Null_or_malformed_entries_in_a_user_are_refused_naming_the_field(string body, string reason)
    {
        var user = Unique("kim");

        var error = await Root.PutAsync($"/v1/config/users/{user}", Json(body)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(reason, error.ErrorMessage());
        await Root.GetAsync($"/v1/config/users/{user}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"password": "pw", "token-ttl": "0s"}""", "token-ttl: give a duration longer than 0s")]
    [InlineData("""{"password": "pw", "token-max-ttl": "0s"}""", "token-max-ttl: give a duration longer than 0s")]
    [InlineData("""{"password": "pw", "token-ttl": "2h", "token-max-ttl": "1h"}""", "token-ttl: 2h is longer than token-max-ttl (1h)")]
    public async Task A_users_token_settings_are_checked_when_written_and_a_bad_one_is_not_stored(string body, string reason)
    {
        var user = Unique("lou");

        var error = await Root.PutAsync($"/v1/config/users/{user}", Json(body)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(reason, error.ErrorMessage());
        await Root.GetAsync($"/v1/config/users/{user}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_patch_is_checked_against_the_users_stored_token_settings()
    {
        var user = Unique("max");
        await Root.PutAsync($"/v1/config/users/{user}", Json("""{"password": "pw", "token-max-ttl": "1h"}""")).ExpectAsync(HttpStatusCode.OK);

        var error = await Root.PatchAsync($"/v1/config/users/{user}", Json("""{"token-ttl": "2h"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("token-ttl: 2h is longer than token-max-ttl (1h)", error.ErrorMessage());
        var stored = await Root.GetAsync($"/v1/config/users/{user}").ExpectAsync(HttpStatusCode.OK);
        Assert.False(stored.TryGetProperty("token-ttl", out var ttl) && ttl.ValueKind == System.Text.Json.JsonValueKind.String);
        await LoginAsync(user, "pw");
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
