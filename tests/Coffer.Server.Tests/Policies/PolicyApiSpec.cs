using System.Net;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.Http;
using static Coffer.Server.Tests.Infrastructure.TokenSteps;

namespace Coffer.Server.Tests.Policies;

/// <summary>/v1/config/policy/policies: the documents, their validation, and the Authorizer using them.</summary>
public abstract class PolicyApiSpec(UnsealedServerFixture fixture)
{
    private const string Collection = "/v1/config/policy/policies";
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    [Fact]
    public async Task A_policy_written_as_yaml_reads_back_as_json_and_yaml()
    {
        var name = Unique("ci-reader");
        await Root.PutAsync($"{Collection}/{name}", Yaml($"""
            name: {name}
            rest-api:
              rules:
                - path: /v1/config/orgs/*/projects/4958798d-c810-46b8-a06d-532e0e7a64ec/**
                  operations: {"{"}read: allow{"}"}
                - path: /v1/state/strongbox/token/create-token
                  operations: {"{"}execute: allow{"}"}
            """)).ExpectAsync(HttpStatusCode.NoContent);

        var json = await Root.GetAsync($"{Collection}/{name}").ExpectAsync(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Collection}/{name}");
        request.Headers.Accept.ParseAdd("application/yaml");
        using var yaml = await Root.SendAsync(request);

        Assert.Equal(name, json.Str("name"));
        Assert.Equal("allow", json.GetProperty("rest-api").GetProperty("rules")[1].GetProperty("operations").Str("execute"));
        Assert.Contains("- path: /v1/state/strongbox/token/create-token", await yaml.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bad_rule_is_refused_naming_the_rule()
    {
        var error = await Root.PutAsync($"{Collection}/{Unique("bad")}", Json("""
            {"rest-api": {"rules": [{"path": "/ok", "operations": {"read": "allow"}}, {"path": "/a/**/b", "operations": {"read": "allow"}}]}}
            """)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("rest-api.rules[1].path", error.ErrorMessage());
    }

    [Theory]
    [InlineData("""{"rest-api": {"rules": [null]}}""", "field 'rest-api.rules[0]' must not be null: expected an object")]
    [InlineData("""{"rest-api": {"rules": [{"path": "/a", "operations": {"read": null}}]}}""", "field 'rest-api.rules[0].operations.read' must not be null")]
    [InlineData("""{"rest-api": {"rules": [{"path": "/a", "operations": {"read": "allow", "read": "reject"}}]}}""", "the key 'read' appears twice")]
    [InlineData("""{"rest-api": {"rules": ["/a"]}}""", "field 'rest-api.rules[0]' has the wrong type: expected an object")]
    public async Task A_null_or_mistyped_rule_is_refused_naming_it_on_put_and_patch(string body, string reason)
    {
        var name = Unique("nulls");
        await Root.PutEmptyishPolicyAsync(name);

        var put = await Root.PutAsync($"{Collection}/{name}", Json(body)).ExpectAsync(HttpStatusCode.BadRequest);
        var patch = await Root.PatchAsync($"{Collection}/{name}", Json(body)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(reason, put.ErrorMessage());
        Assert.Contains(reason, patch.ErrorMessage());
    }

    [Fact]
    public async Task Root_cannot_be_changed_or_deleted_and_default_cannot_be_deleted()
    {
        var write = await Root.PutAsync($"{Collection}/root", Json("""{"rest-api": {"rules": []}}""")).ExpectAsync(HttpStatusCode.BadRequest);
        var deleteRoot = await Root.DeleteAsync($"{Collection}/root").ExpectAsync(HttpStatusCode.BadRequest);
        var deleteDefault = await Root.DeleteAsync($"{Collection}/default").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("cannot be changed", write.ErrorMessage());
        Assert.Contains("cannot be deleted", deleteRoot.ErrorMessage());
        Assert.Contains("default policy cannot be deleted", deleteDefault.ErrorMessage());
    }

    [Fact]
    public async Task Policies_are_listed_read_patched_and_deleted()
    {
        var name = Unique("temp");
        await Root.PostAsync(Collection, Json($$$"""{"name": "{{{name}}}", "rest-api": {"rules": [{"path": "/a", "operations": {"read": "allow"}}]}}"""))
            .ExpectAsync(HttpStatusCode.Created);
        await Root.PostAsync(Collection, Json($$$"""{"name": "{{{name}}}", "rest-api": {"rules": []}}""")).ExpectAsync(HttpStatusCode.Conflict);

        var list = await Root.GetAsync($"{Collection}?limit=1000").ExpectAsync(HttpStatusCode.OK);
        await Root.PatchAsync($"{Collection}/{name}", Json("""{"rest-api": {"rules": [{"path": "/b", "operations": {"all": "allow"}}]}}"""))
            .ExpectAsync(HttpStatusCode.NoContent);
        var patched = await Root.GetAsync($"{Collection}/{name}").ExpectAsync(HttpStatusCode.OK);
        await Root.DeleteAsync($"{Collection}/{name}").ExpectAsync(HttpStatusCode.NoContent);

        var names = list.GetProperty("policies").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains(name, names);
        Assert.Contains("root", names);
        Assert.Contains("default", names);
        Assert.Equal("/b", patched.GetProperty("rest-api").GetProperty("rules")[0].Str("path"));
        await Root.GetAsync($"{Collection}/{name}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_can_do_what_its_policy_allows_and_is_refused_the_rest_with_the_reason()
    {
        var name = Unique("policy-reader");
        await Root.PutPolicyAsync(name, $"    - path: {Collection}/**\n      operations: {{read: allow}}\n    - path: {Collection}/root\n      operations: {{read: reject}}\n");
        var token = await Root.CreateTokenAsync($$"""{"ttl": "1h", "policies": ["{{name}}"]}""");
        using var reader = Server.ClientWithToken(token.Token);

        await reader.GetAsync($"{Collection}/{name}").ExpectAsync(HttpStatusCode.OK);
        var rejected = await reader.GetAsync($"{Collection}/root").ExpectAsync(HttpStatusCode.Forbidden);
        var notAllowed = await reader.DeleteAsync($"{Collection}/{name}").ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Contains($"rule {Collection}/root of policy {name} rejects it", rejected.ErrorMessage());
        Assert.Contains($"'delete' on {Collection}/{name} is not allowed", notAllowed.ErrorMessage());
    }

    [Fact]
    public async Task An_edit_reaches_tokens_that_already_hold_the_policy()
    {
        var name = Unique("growing");
        await Root.PutEmptyishPolicyAsync(name);
        var token = await Root.CreateTokenAsync($$"""{"ttl": "1h", "policies": ["{{name}}"]}""");
        using var client = Server.ClientWithToken(token.Token);
        await client.GetAsync($"{Collection}/{name}").ExpectAsync(HttpStatusCode.Forbidden);

        await Root.PutPolicyAsync(name, $"    - path: {Collection}/*\n      operations: {{read: allow}}\n");

        await client.GetAsync($"{Collection}/{name}").ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class PolicyApiOnSqlite(SqliteServerFixture fixture) : PolicyApiSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class PolicyApiOnPostgres(PostgresServerFixture fixture) : PolicyApiSpec(fixture), IClassFixture<PostgresServerFixture>;
