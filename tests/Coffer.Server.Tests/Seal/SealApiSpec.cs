using System.Net;
using Coffer.Server.Configuration;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;

namespace Coffer.Server.Tests.Seal;

/// <summary>The seal's HTTP contract (Vault's model), on each storage.</summary>
public abstract class SealApiSpec(StorageKind kind)
{
    private Task<CofferTestServer> StartAsync() => CofferTestServer.StartAsync(kind);

    [Fact]
    public async Task A_new_server_is_not_initialized_and_health_says_501()
    {
        await using var server = await StartAsync();

        var status = await server.Client.GetAsync("/v1/sys/seal-status").ExpectAsync(HttpStatusCode.OK);
        Assert.False(status.GetProperty("initialized").GetBoolean());
        Assert.True(status.GetProperty("sealed").GetBoolean());
        await server.Client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.NotImplemented);
        Assert.False((await server.Client.GetAsync("/v1/sys/init").ExpectAsync(HttpStatusCode.OK)).GetProperty("initialized").GetBoolean());
    }

    [Fact]
    public async Task Init_returns_the_requested_shares_and_a_root_token_and_stays_sealed()
    {
        await using var server = await StartAsync();

        var init = await server.InitializeAsync(shares: 5, threshold: 3);

        Assert.Equal(5, init.Keys.Count);
        Assert.All(init.Keys, k => Assert.Equal(33, Convert.FromBase64String(k).Length));
        Assert.True(Guid.TryParse(init.RootToken, out _));
        var status = await server.Client.GetAsync("/v1/sys/seal-status").ExpectAsync(HttpStatusCode.OK);
        Assert.True(status.GetProperty("sealed").GetBoolean());
        Assert.Equal(3, status.GetProperty("t").GetInt32());
        Assert.Equal(5, status.GetProperty("n").GetInt32());
        Assert.Equal("shamir", status.Str("type"));
        await server.Client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Init_twice_is_refused_as_already_initialized()
    {
        await using var server = await StartAsync();
        await server.InitializeAsync();

        var error = await server.Client.PostAsync("/v1/sys/init", Json("""{"secret-shares": 1, "secret-threshold": 1}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("already initialized", error.ErrorMessage());
    }

    [Theory]
    [InlineData(3, 4, "secret-threshold cannot be larger than secret-shares")]
    [InlineData(256, 2, "secret-shares must be at most 255")]
    [InlineData(3, 0, "secret-threshold must be at least 1")]
    [InlineData(0, 0, "secret-shares must be at least 1")]
    public async Task Impossible_share_parameters_are_refused_and_nothing_is_initialized(int shares, int threshold, string reason)
    {
        await using var server = await StartAsync();

        var error = await server.Client.PostAsync("/v1/sys/init", Json($$"""{"secret-shares": {{shares}}, "secret-threshold": {{threshold}}}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(reason, error.ErrorMessage());
        Assert.False((await server.Client.GetAsync("/v1/sys/init").ExpectAsync(HttpStatusCode.OK)).GetProperty("initialized").GetBoolean());
    }

    [Fact]
    public async Task Unseal_counts_distinct_shares_up_to_the_threshold_then_opens()
    {
        await using var server = await StartAsync();
        var init = await server.InitializeAsync(shares: 5, threshold: 3);

        var first = await server.UnsealWithAsync(init.Keys[0]);
        var repeated = await server.UnsealWithAsync(init.Keys[0]);
        var second = await server.UnsealWithAsync(init.Keys[3]);
        var third = await server.UnsealWithAsync(init.Keys[4]);

        Assert.Equal(1, first.GetProperty("progress").GetInt32());
        Assert.Equal(1, repeated.GetProperty("progress").GetInt32());
        Assert.Equal(first.Str("nonce"), second.Str("nonce"));
        Assert.Equal(2, second.GetProperty("progress").GetInt32());
        Assert.False(third.GetProperty("sealed").GetBoolean());
        Assert.Equal(0, third.GetProperty("progress").GetInt32());
        await server.Client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("not base64 at all!", "not a key share")]
    [InlineData("AAAA", "decodes to 3")]
    public async Task A_malformed_share_is_refused_and_keeps_the_progress(string share, string reason)
    {
        await using var server = await StartAsync();
        var init = await server.InitializeAsync(shares: 3, threshold: 3);
        await server.UnsealWithAsync(init.Keys[0]);

        var error = await server.Client.PostAsync("/v1/sys/unseal", Json($$"""{"key": "{{share}}"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(reason, error.ErrorMessage());
        var status = await server.Client.GetAsync("/v1/sys/seal-status").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, status.GetProperty("progress").GetInt32());
    }

    [Fact]
    public async Task Shares_that_rebuild_a_wrong_key_are_refused_and_progress_is_reset()
    {
        await using var server = await StartAsync();
        var init = await server.InitializeAsync(shares: 3, threshold: 2);
        await using var other = await StartAsync();
        var foreign = await other.InitializeAsync(shares: 3, threshold: 2);

        await server.UnsealWithAsync(init.Keys[0]);
        var error = await server.Client.PostAsync("/v1/sys/unseal", Json($$"""{"key": "{{foreign.Keys[1]}}"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("do not rebuild this server's root key", error.ErrorMessage());
        var status = await server.Client.GetAsync("/v1/sys/seal-status").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, status.GetProperty("progress").GetInt32());
        Assert.True(status.GetProperty("sealed").GetBoolean());
        await server.UnsealWithAsync(init.Keys[1]);
        Assert.False((await server.UnsealWithAsync(init.Keys[2])).GetProperty("sealed").GetBoolean());
    }

    [Fact]
    public async Task Reset_discards_the_shares_given_so_far()
    {
        await using var server = await StartAsync();
        var init = await server.InitializeAsync(shares: 3, threshold: 2);
        await server.UnsealWithAsync(init.Keys[0]);

        var reset = await server.Client.PostAsync("/v1/sys/unseal", Json("""{"reset": true}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, reset.GetProperty("progress").GetInt32());
        Assert.Equal("", reset.Str("nonce"));
    }

    [Fact]
    public async Task While_sealed_every_other_api_answers_503_with_a_clear_message()
    {
        await using var server = await StartAsync();
        await server.InitializeAsync();

        var error = await server.Client.PostAsync("/v1/state/strongbox/token/create-token", Json("{}")).ExpectAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal("sealed", error.Str("error"));
        Assert.Contains("unseal", error.ErrorMessage());
        Assert.Equal("sealed", error.GetProperty("errors")[0].GetProperty("error-info").Str("error"));
    }

    [Fact]
    public async Task Before_init_other_apis_answer_503_saying_to_initialize()
    {
        await using var server = await StartAsync();

        var native = await server.Client.GetAsync("/v1/config/orgs").ExpectAsync(HttpStatusCode.ServiceUnavailable);
        var bitwarden = await server.Client.GetAsync("/api/secrets/" + Guid.NewGuid()).ExpectAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Contains("not initialized", native.ErrorMessage());
        Assert.Contains("not initialized", bitwarden.Str("message"));
        Assert.Equal("error", bitwarden.Str("object"));
    }

    [Fact]
    public async Task Sealing_needs_a_root_token()
    {
        await using var server = await StartAsync();
        await server.InitializeAndUnsealAsync();

        var missing = await server.Client.PostAsync("/v1/sys/seal", null).ExpectAsync(HttpStatusCode.Unauthorized);
        using var stranger = server.ClientWithToken(Guid.NewGuid().ToString());
        await stranger.PostAsync("/v1/sys/seal", null).ExpectAsync(HttpStatusCode.Unauthorized);

        Assert.Contains("Authorization: Bearer", missing.ErrorMessage());
        await server.Client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sealed_with_the_root_token_it_refuses_apis_until_unsealed_again()
    {
        await using var server = await StartAsync();
        var init = await server.InitializeAndUnsealAsync(shares: 3, threshold: 2);
        using var root = server.ClientWithToken(init.RootToken);

        await root.PostAsync("/v1/sys/seal", null).ExpectAsync(HttpStatusCode.NoContent);

        await server.Client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await root.PostAsync("/v1/sys/seal", null).ExpectAsync(HttpStatusCode.NoContent);
        await server.UnsealWithAsync(init.Keys[2]);
        var open = await server.UnsealWithAsync(init.Keys[0]);
        Assert.False(open.GetProperty("sealed").GetBoolean());
        await root.PostAsync("/v1/sys/seal", null).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_restart_comes_back_sealed_and_the_same_shares_and_root_token_work()
    {
        await using var server = await StartAsync();
        var init = await server.InitializeAndUnsealAsync(shares: 3, threshold: 2);

        await server.RestartAsync();

        await server.Client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.ServiceUnavailable);
        await server.UnsealWithAsync(init.Keys[1]);
        await server.UnsealWithAsync(init.Keys[2]);
        using var root = server.ClientWithToken(init.RootToken);
        await root.PostAsync("/v1/sys/seal", null).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Bodies_may_be_yaml_and_unknown_fields_are_named()
    {
        await using var server = await StartAsync();

        var unknown = await server.Client.PostAsync("/v1/sys/init", Json("""{"secret-shares": 1, "secret-threshold": 1, "pgp-keys": []}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var wrongType = await server.Client.PostAsync("/v1/sys/init", Json("""{"secret-shares": "five", "secret-threshold": 1}"""))
            .ExpectAsync(HttpStatusCode.BadRequest);
        var missing = await server.Client.PostAsync("/v1/sys/init", Json("""{"secret-shares": 1}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var malformed = await server.Client.PostAsync("/v1/sys/init", Json("""{"secret-shares": 1,""")).ExpectAsync(HttpStatusCode.BadRequest);
        var init = await server.Client.PostAsync("/v1/sys/init", Yaml("secret-shares: 2\nsecret-threshold: 2\n")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("unknown field 'pgp-keys'", unknown.ErrorMessage());
        Assert.Contains("secret-shares", wrongType.ErrorMessage());
        Assert.Contains("whole number", wrongType.ErrorMessage());
        Assert.Contains("secret-threshold", missing.ErrorMessage());
        Assert.Contains("not valid JSON", malformed.ErrorMessage());
        Assert.Equal(2, init.GetProperty("keys-base64").GetArrayLength());
    }

    [Fact]
    public async Task Responses_are_yaml_when_the_client_asks()
    {
        await using var server = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/sys/seal-status");
        request.Headers.Accept.ParseAdd("application/yaml");

        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/yaml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("initialized: false", text);
        Assert.Contains("nonce: \"\"", text);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_413()
    {
        await using var server = await StartAsync();

        // Expect: 100-continue lets the server refuse on Content-Length before the client sends the body.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/sys/unseal")
        {
            Content = Json($$"""{"key": "{{new string('A', 2 * 1024 * 1024)}}"}"""),
        };
        request.Headers.ExpectContinue = true;

        var error = await server.Client.SendAsync(request).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("too large", error.ErrorMessage());
    }

    [Fact]
    public async Task Health_status_codes_can_be_chosen_like_vault()
    {
        await using var server = await StartAsync();

        await server.Client.GetAsync("/v1/sys/health?uninitcode=200").ExpectAsync(HttpStatusCode.OK);
        await server.InitializeAsync();
        await server.Client.GetAsync("/v1/sys/health?sealedcode=429").ExpectAsync(HttpStatusCode.TooManyRequests);
    }
}

public sealed class SealApiOnSqlite() : SealApiSpec(StorageKind.Sqlite);

public sealed class SealApiOnPostgres() : SealApiSpec(StorageKind.Postgres);
