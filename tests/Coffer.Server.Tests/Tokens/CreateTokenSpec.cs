using System.Net;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Tokens;

/// <summary>create-token: who may create what (the contract and Vault's token-store tests, B.11).</summary>
public abstract class CreateTokenSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    [Fact]
    public async Task The_seed_request_sample_posted_verbatim_as_yaml_returns_accessor_token_and_creation_time()
    {
        await Root.PutEmptyishPolicyAsync("user");

        var body = await Root.PostAsync($"{Base}/create-token", Yaml(SeedRequestSampleYaml)).ExpectAsync(HttpStatusCode.OK);

        Assert.True(Guid.TryParse(body.Str("accessor"), out _));
        Assert.True(Guid.TryParse(body.Str("token"), out _));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", body.Str("creation-time"));
        var info = await Root.InfoAsync(body.Str("token"));
        Assert.Equal(["user"], info.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.True(info.GetProperty("orphan").GetBoolean());
        Assert.Equal("joe-git", info.Str("display-name"));
        Assert.Equal("joe@acme.com", info.GetProperty("meta").Str("username"));
        Assert.Equal(["192.168.1.0/24"], info.GetProperty("bound-cidrs").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, await Server.StatusOfSelfLookupAsync(body.Str("token")));
    }

    [Fact]
    public async Task Create_token_answers_the_contracts_fields_and_warnings_is_always_a_list()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h"}""");

        Assert.Equal(new[] { "accessor", "token", "creation-time", "expires", "ttl", "policies", "warnings" }.Order(),
            token.Body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(0, token.Body.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Without_policies_a_child_inherits_the_callers_and_roots_child_is_root()
    {
        var child = await Root.CreateTokenAsync("""{"ttl": "1h"}""");

        // Inherited exactly: the root token has no `default`, so neither has its child (Vault's CreateToken_NoPolicy).
        Assert.Equal(["root"], child.Body.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        using var asChild = Server.ClientWithToken(child.Token);
        var grandchild = await asChild.CreateTokenAsync("""{"ttl": "10m", "policies": ["root"]}""");
        Assert.Contains("root", grandchild.Body.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_token_may_pass_on_a_subset_of_its_policies()
    {
        var (foo, bar) = (Unique("foo"), Unique("bar"));
        await Root.PutEmptyishPolicyAsync(foo);
        await Root.PutEmptyishPolicyAsync(bar);
        var parent = await Root.CreateTokenAsync($$"""{"policies": ["{{foo}}", "{{bar}}"], "ttl": "1h"}""");
        await Root.PutPolicyAsync(foo, $"    - path: {Base}/create-token\n      operations: {{execute: allow}}\n");
        using var asParent = Server.ClientWithToken(parent.Token);

        var child = await asParent.CreateTokenAsync($$"""{"policies": ["{{foo}}"]}""");

        Assert.Equal([foo, "default"], child.Body.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_policy_the_caller_does_not_hold_is_refused_naming_it()
    {
        var (foo, baz) = (Unique("foo"), Unique("baz"));
        await Root.PutPolicyAsync(foo, $"    - path: {Base}/create-token\n      operations: {{execute: allow}}\n");
        await Root.PutEmptyishPolicyAsync(baz);
        var parent = await Root.CreateTokenAsync($$"""{"policies": ["{{foo}}"], "ttl": "1h"}""");
        using var asParent = Server.ClientWithToken(parent.Token);

        var error = await asParent.PostAsync($"{Base}/create-token", Json($$"""{"policies": ["{{foo}}", "{{baz}}"]}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains($"does not hold policy '{baz}'", error.ErrorMessage());
    }

    [Fact]
    public async Task Only_root_may_grant_root_or_create_orphans()
    {
        var creator = Unique("creator");
        await Root.PutPolicyAsync(creator, $"    - path: {Base}/create-token\n      operations: {{execute: allow}}\n");
        var parent = await Root.CreateTokenAsync($$"""{"policies": ["{{creator}}"], "ttl": "1h"}""");
        using var asParent = Server.ClientWithToken(parent.Token);

        var rootChild = await asParent.PostAsync($"{Base}/create-token", Json("""{"policies": ["root"]}""")).ExpectAsync(HttpStatusCode.Forbidden);
        var orphan = await asParent.PostAsync($"{Base}/create-token", Json("""{"no-parent": true}""")).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains("only a root token may grant policy 'root'", rootChild.ErrorMessage());
        Assert.Contains("no-parent needs a root token", orphan.ErrorMessage());
    }

    [Fact]
    public async Task Root_may_create_an_orphan()
    {
        var orphan = await Root.CreateTokenAsync("""{"no-parent": true, "ttl": "1h"}""");

        Assert.True((await Root.InfoAsync(orphan.Token)).GetProperty("orphan").GetBoolean());
        Assert.False((await Root.InfoAsync((await Root.CreateTokenAsync("""{"ttl": "1h"}""")).Token)).GetProperty("orphan").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_policy_is_refused()
    {
        var error = await Root.PostAsync($"{Base}/create-token", Json("""{"policies": ["no-such-policy"]}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("policy 'no-such-policy' does not exist", error.ErrorMessage());
    }

    [Fact]
    public async Task The_default_policy_is_added_unless_no_default_policy()
    {
        var policy = Unique("p");
        await Root.PutEmptyishPolicyAsync(policy);

        var with = await Root.CreateTokenAsync($$"""{"policies": ["{{policy}}"], "ttl": "1h"}""");
        var without = await Root.CreateTokenAsync($$"""{"policies": ["{{policy}}"], "no-default-policy": true, "ttl": "1h"}""");

        Assert.Contains("default", with.Body.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain("default", without.Body.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.OK, await Server.StatusOfSelfLookupAsync(with.Token));
        Assert.Equal(HttpStatusCode.Forbidden, await Server.StatusOfSelfLookupAsync(without.Token));
    }

    [Fact]
    public async Task Children_inherit_the_absence_of_the_default_policy()
    {
        var maker = Unique("maker");
        await Root.PutPolicyAsync(maker, $"    - path: {Base}/create-token\n      operations: {{execute: allow}}\n");
        var parent = await Root.CreateTokenAsync($$"""{"ttl": "1h", "policies": ["{{maker}}"], "no-default-policy": true}""");
        using var asParent = Server.ClientWithToken(parent.Token);

        var inheriting = await asParent.CreateTokenAsync("{}");
        var named = await asParent.CreateTokenAsync($$"""{"policies": ["{{maker}}"]}""");
        var explicitlyFalse = await asParent.CreateTokenAsync($$"""{"policies": ["{{maker}}"], "no-default-policy": false}""");
        var askingForIt = await asParent.PostAsync($"{Base}/create-token", Json("""{"policies": ["default"]}""")).ExpectAsync(HttpStatusCode.Forbidden);

        foreach (var child in new[] { inheriting, named, explicitlyFalse })
            Assert.Equal([maker], child.Body.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("does not hold policy 'default'", askingForIt.ErrorMessage());
    }

    [Fact]
    public async Task Children_inherit_the_presence_of_the_default_policy_unless_they_opt_out()
    {
        var maker = Unique("maker");
        await Root.PutPolicyAsync(maker, $"    - path: {Base}/create-token\n      operations: {{execute: allow}}\n");
        var parent = await Root.CreateTokenAsync($$"""{"ttl": "1h", "policies": ["{{maker}}"]}""");
        using var asParent = Server.ClientWithToken(parent.Token);

        var inheriting = await asParent.CreateTokenAsync("{}");
        var optedOut = await asParent.CreateTokenAsync("""{"no-default-policy": true}""");

        Assert.Equal([maker, "default"], inheriting.Body.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal([maker], optedOut.Body.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task A_root_token_with_a_ttl_gets_that_ttl_and_cannot_create_a_non_expiring_root_token()
    {
        var expiringRoot = await Root.CreateTokenAsync("""{"ttl": "5m", "policies": ["root"]}""");
        using var asExpiringRoot = Server.ClientWithToken(expiringRoot.Token);

        var info = await Root.InfoAsync(expiringRoot.Token);
        var infinite = await asExpiringRoot.PostAsync($"{Base}/create-token", Json("""{"ttl": "0s", "policies": ["root"]}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var longer = await asExpiringRoot.CreateTokenAsync("""{"ttl": "1h", "policies": ["root"]}""");

        Assert.Equal("5m", expiringRoot.Body.Str("ttl"));
        Assert.Equal("5m", info.Str("ttl"));
        Assert.Contains("root", info.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.Contains("infinite tokens are not allowed", infinite.ErrorMessage());
        Assert.Equal("5m", longer.Body.Str("ttl"));
    }

    [Fact]
    public async Task A_machine_accounts_own_policy_cannot_be_assigned_even_by_root()
    {
        var org = await Root.CreateOrganizationAsync(Unique("org"));
        var account = await Root.CreateMachineAccountAsync(org);
        var policy = $"machine-account-{account}";

        var toToken = await Root.PostAsync($"{Base}/create-token", Json($$"""{"ttl": "1h", "policies": ["{{policy}}"]}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var toUser = await Root.PutAsync($"/v1/config/users/{Unique("mia")}", Json($$"""{"password": "pw", "policies": ["{{policy}}"]}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains($"policies: '{policy}' is a machine account's own policy and cannot be assigned", toToken.ErrorMessage());
        Assert.Contains("cannot be assigned", toUser.ErrorMessage());
    }

    [Fact]
    public async Task Infinite_tokens_are_not_allowed()
    {
        var error = await Root.PostAsync($"{Base}/create-token", Json("""{"ttl": "0s"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("infinite tokens are not allowed", error.ErrorMessage());
    }

    [Fact]
    public async Task A_ttl_of_one_hour_gives_one_hour_and_a_renewable_token()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        var info = await Root.InfoAsync(token.Token);

        Assert.Equal("1h", token.Body.Str("ttl"));
        Assert.Equal("1h", info.Str("ttl"));
        Assert.True(info.GetProperty("renewable").GetBoolean());
        Assert.Equal(DateTimeOffset.Parse(token.Body.Str("creation-time")).AddHours(1), DateTimeOffset.Parse(info.Str("expires")));
    }

    [Fact]
    public async Task A_ttl_above_the_max_is_capped_with_a_warning()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "40d"}""");

        Assert.Equal("32d", token.Body.Str("ttl"));
        Assert.Contains("max TTL", token.Body.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task A_child_cannot_outlive_its_parent()
    {
        var parent = await Root.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asParent = Server.ClientWithToken(parent.Token);

        var child = await asParent.CreateTokenAsync("""{"ttl": "2h"}""");

        Assert.Equal("1h", child.Body.Str("ttl"));
        Assert.Contains("cannot outlive its parent", child.Body.GetProperty("warnings")[0].GetString());
    }

    [Fact]
    public async Task Metadata_and_display_name_round_trip()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "display-name": "  ci runner é ", "meta": {"team": "payments", "ticket": "OPS-1"}}""");
        var info = await Root.InfoAsync(token.Token);

        Assert.Equal("ci runner é", info.Str("display-name"));
        Assert.Equal("payments", info.GetProperty("meta").Str("team"));
        Assert.Equal("OPS-1", info.GetProperty("meta").Str("ticket"));
        Assert.Equal("token", (await Root.InfoAsync((await Root.CreateTokenAsync("""{"ttl": "1h"}""")).Token)).Str("display-name"));
    }

    [Fact]
    public async Task A_limited_use_token_is_counted_down_and_gone_after_its_last_use()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "num-uses": 2}""");
        using var client = Server.ClientWithToken(token.Token);

        var first = await client.InfoAsync();
        await client.InfoAsync();
        await client.PostAsync($"{Base}/info", Json("{}")).ExpectAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(1, first.GetProperty("num-uses").GetInt32());
    }

    [Fact]
    public async Task A_limited_use_token_cannot_create_tokens()
    {
        var token = await Root.CreateTokenAsync("""{"ttl": "1h", "num-uses": 5}""");
        using var client = Server.ClientWithToken(token.Token);

        var error = await client.PostAsync($"{Base}/create-token", Json("{}")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("limited uses", error.ErrorMessage());
    }

    [Fact]
    public async Task An_unknown_calling_token_is_401()
    {
        using var stranger = Server.ClientWithToken(Guid.NewGuid().ToString());

        await stranger.PostAsync($"{Base}/create-token", Json("{}")).ExpectAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class CreateTokenOnSqlite(SqliteServerFixture fixture) : CreateTokenSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class CreateTokenOnPostgres(PostgresServerFixture fixture) : CreateTokenSpec(fixture), IClassFixture<PostgresServerFixture>;
