using System.Net;
using Coffer.Server.Configuration;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>Bound CIDRs: a token works only from its networks, judged by the connection or a trusted proxy.</summary>
public abstract class BoundCidrsSpec(StorageKind kind)
{
    private static async Task<HttpStatusCode> LookupFromAsync(CofferTestServer server, string token, string? forwardedFor)
    {
        using var client = server.ClientWithToken(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/info") { Content = Json("{}") };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_token_bound_to_a_network_is_refused_from_outside_it()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        var remote = await root.CreateTokenAsync("""{"ttl": "1h", "bound-cidrs": ["192.168.1.0/24"]}""");
        var local = await root.CreateTokenAsync("""{"ttl": "1h", "bound-cidrs": ["10.0.0.0/8", "127.0.0.0/8"]}""");

        Assert.Equal(HttpStatusCode.Forbidden, await LookupFromAsync(server, remote.Token, null));
        Assert.Equal(HttpStatusCode.OK, await LookupFromAsync(server, local.Token, null));
    }

    [Fact]
    public async Task Forwarded_addresses_count_only_from_a_trusted_proxy()
    {
        await using var trusting = await CofferTestServer.StartAsync(kind,
            s => s with { TrustedProxies = [System.Net.IPNetwork.Parse("127.0.0.1/32")] });
        using var root = trusting.ClientWithToken((await trusting.InitializeAndUnsealAsync(1, 1)).RootToken);
        var token = await root.CreateTokenAsync("""{"ttl": "1h", "bound-cidrs": ["192.168.1.0/24"]}""");

        Assert.Equal(HttpStatusCode.OK, await LookupFromAsync(trusting, token.Token, "192.168.1.20"));
        Assert.Equal(HttpStatusCode.Forbidden, await LookupFromAsync(trusting, token.Token, "192.168.2.20"));
        Assert.Equal(HttpStatusCode.Forbidden, await LookupFromAsync(trusting, token.Token, null));
    }

    [Fact]
    public async Task The_seed_request_sample_gives_a_token_that_works_through_a_trusted_proxy_from_its_network_only()
    {
        await using var trusting = await CofferTestServer.StartAsync(kind,
            s => s with { TrustedProxies = [System.Net.IPNetwork.Parse("127.0.0.1/32")] });
        using var root = trusting.ClientWithToken((await trusting.InitializeAndUnsealAsync(1, 1)).RootToken);
        // The sample's `user` policy, here allowing a token to look itself up (the sample drops `default`).
        await root.PutPolicyAsync("user", $"    - path: {Base}/info/self\n      operations: {{execute: allow}}\n");

        var body = await root.PostAsync($"{Base}/create-token", Yaml(SeedRequestSampleYaml)).ExpectAsync(HttpStatusCode.OK);
        var token = body.Str("token");

        Assert.True(Guid.TryParse(body.Str("accessor"), out _));
        Assert.Equal(HttpStatusCode.OK, await LookupFromAsync(trusting, token, "192.168.1.20"));
        Assert.Equal(HttpStatusCode.Forbidden, await LookupFromAsync(trusting, token, null)); // from 127.0.0.1 itself
        Assert.Equal(HttpStatusCode.Forbidden, await LookupFromAsync(trusting, token, "10.9.9.9"));
    }

    [Fact]
    public async Task A_root_token_with_a_ttl_is_bound_like_any_other()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);

        var bound = await root.CreateTokenAsync("""{"ttl": "1h", "policies": ["root"], "bound-cidrs": ["192.168.1.0/24"]}""");

        Assert.Equal(HttpStatusCode.Forbidden, await LookupFromAsync(server, bound.Token, null));
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_peer_are_ignored()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        var token = await root.CreateTokenAsync("""{"ttl": "1h", "bound-cidrs": ["192.168.1.0/24"]}""");

        Assert.Equal(HttpStatusCode.Forbidden, await LookupFromAsync(server, token.Token, "192.168.1.20"));
    }

    [Fact]
    public async Task A_child_inherits_its_parents_binding_and_cannot_widen_it()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        var parent = await root.CreateTokenAsync("""{"ttl": "1h", "bound-cidrs": ["127.0.0.0/8"]}""");
        using var asParent = server.ClientWithToken(parent.Token);

        var inheriting = await asParent.CreateTokenAsync("""{"ttl": "30m"}""");
        var narrower = await asParent.CreateTokenAsync("""{"ttl": "30m", "bound-cidrs": ["127.0.0.1/32"]}""");
        var wider = await asParent.PostAsync($"{Base}/create-token", Json("""{"ttl": "30m", "bound-cidrs": ["10.0.0.0/8"]}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Equal(["127.0.0.0/8"], (await root.InfoAsync(inheriting.Token)).GetProperty("bound-cidrs").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["127.0.0.1/32"], (await root.InfoAsync(narrower.Token)).GetProperty("bound-cidrs").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("10.0.0.0/8 is outside the parent token's bound CIDRs", wider.ErrorMessage());
    }

    [Fact]
    public async Task Set_bound_cidrs_lets_the_owner_narrow_and_root_replace()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        await root.PutPolicyAsync("narrower", $"    - path: {Base}/set-bound-cidrs/self\n      operations: {{execute: allow}}\n");
        var token = await root.CreateTokenAsync("""{"ttl": "1h", "policies": ["narrower"], "bound-cidrs": ["127.0.0.0/8"]}""");
        using var self = server.ClientWithToken(token.Token);

        var narrowed = await self.PostAsync($"{Base}/set-bound-cidrs", Json($$"""{"token": "{{token.Token}}", "bound-cidrs": ["127.0.0.1/32"]}""")).ExpectAsync(HttpStatusCode.OK);
        var widened = await self.PostAsync($"{Base}/set-bound-cidrs", Json($$"""{"accessor": "{{token.Accessor}}", "bound-cidrs": ["0.0.0.0/0"]}""")).ExpectAsync(HttpStatusCode.Forbidden);
        var replaced = await root.PostAsync($"{Base}/set-bound-cidrs", Json($$"""{"accessor": "{{token.Accessor}}", "bound-cidrs": ["192.168.0.0/16"]}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["127.0.0.1/32"], narrowed.GetProperty("bound-cidrs").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("outside the token's current bound CIDRs", widened.ErrorMessage());
        Assert.Equal(["192.168.0.0/16"], replaced.GetProperty("bound-cidrs").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, await LookupFromAsync(server, token.Token, null));
    }

    [Fact]
    public async Task An_empty_list_on_a_child_of_a_bound_parent_means_inherit_the_parents_binding()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        var parent = await root.CreateTokenAsync("""{"ttl": "1h", "bound-cidrs": ["127.0.0.0/8", "192.168.1.0/24"]}""");
        using var asParent = server.ClientWithToken(parent.Token);

        var child = await asParent.CreateTokenAsync("""{"ttl": "30m", "bound-cidrs": []}""");

        Assert.Equal(["127.0.0.0/8", "192.168.1.0/24"], (await root.InfoAsync(child.Token)).GetProperty("bound-cidrs").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_non_root_owner_cannot_clear_its_tokens_binding()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        await root.PutPolicyAsync("narrower", $"    - path: {Base}/set-bound-cidrs/self\n      operations: {{execute: allow}}\n");
        var token = await root.CreateTokenAsync("""{"ttl": "1h", "policies": ["narrower"], "bound-cidrs": ["127.0.0.0/8"]}""");
        using var self = server.ClientWithToken(token.Token);

        var cleared = await self.PostAsync($"{Base}/set-bound-cidrs", Json($$"""{"token": "{{token.Token}}", "bound-cidrs": []}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains("only root may remove a token's binding", cleared.ErrorMessage());
        Assert.Equal(["127.0.0.0/8"], (await root.InfoAsync(token.Token)).GetProperty("bound-cidrs").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Root_may_clear_a_tokens_binding()
    {
        await using var server = await CofferTestServer.StartAsync(kind);
        using var root = server.ClientWithToken((await server.InitializeAndUnsealAsync(1, 1)).RootToken);
        var token = await root.CreateTokenAsync("""{"ttl": "1h", "bound-cidrs": ["192.168.1.0/24"]}""");

        await root.PostAsync($"{Base}/set-bound-cidrs", Json($$"""{"accessor": "{{token.Accessor}}", "bound-cidrs": []}""")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, await LookupFromAsync(server, token.Token, null));
    }
}

public sealed class BoundCidrsOnSqlite() : BoundCidrsSpec(StorageKind.Sqlite);

public sealed class BoundCidrsOnPostgres() : BoundCidrsSpec(StorageKind.Postgres);
