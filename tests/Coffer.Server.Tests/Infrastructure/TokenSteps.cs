using System.Net;
using System.Text.Json;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>Token and policy steps over the HTTP API, for tests about what tokens may do.</summary>
public static class TokenSteps
{
    public const string Base = "/v1/state/strongbox/token";

    public sealed record Created(string Token, string Accessor, JsonElement Body);

    /// <summary>The request sample of the token contract's Acceptance section (the seed), verbatim.</summary>
    public const string SeedRequestSampleYaml = """
        ttl: 1d
        meta:
          username: joe@acme.com
        policies:
          - user
        no-parent: true
        no-default-policy: true
        display-name: joe-git
        bound-cidrs:
          - 192.168.1.0/24
        """;

    /// <summary>Three generations, each created by the one before with an hour to live.</summary>
    public sealed record Lineage(Created Parent, Created Child, Created Grandchild);

    public static async Task<Lineage> CreateLineageAsync(this CofferTestServer server, HttpClient root)
    {
        var parent = await root.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asParent = server.ClientWithToken(parent.Token);
        var child = await asParent.CreateTokenAsync("""{"ttl": "1h"}""");
        using var asChild = server.ClientWithToken(child.Token);
        return new Lineage(parent, child, await asChild.CreateTokenAsync("""{"ttl": "1h"}"""));
    }

    public static async Task<Created> CreateTokenAsync(this HttpClient caller, string json = "{}")
    {
        var body = await caller.PostAsync($"{Base}/create-token", Http.Json(json)).ExpectAsync(HttpStatusCode.OK);
        return new Created(body.Str("token"), body.Str("accessor"), body);
    }

    public static Task<JsonElement> InfoAsync(this HttpClient caller, string? token = null) =>
        caller.PostAsync($"{Base}/info", Http.Json(token is null ? "{}" : $$"""{"token": "{{token}}"}""")).ExpectAsync(HttpStatusCode.OK);

    public static async Task<HttpStatusCode> StatusOfSelfLookupAsync(this CofferTestServer server, string token)
    {
        using var client = server.ClientWithToken(token);
        using var response = await client.PostAsync($"{Base}/info", Http.Json("{}"));
        return response.StatusCode;
    }

    public static Task PutPolicyAsync(this HttpClient caller, string name, string rulesYaml) =>
        caller.PutAsync($"/v1/config/policy/policies/{name}", Http.Yaml($"name: {name}\nrest-api:\n  rules:\n{rulesYaml}")).ExpectAsync(HttpStatusCode.NoContent);

    /// <summary>A policy whose only rule allows reading one harmless path: it exists, and grants little.</summary>
    public static Task PutEmptyishPolicyAsync(this HttpClient caller, string name) =>
        caller.PutPolicyAsync(name, $"    - path: /v1/probe/{name}\n      operations: {{read: allow}}\n");

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<IReadOnlyList<string>> AccessorsAsync(this HttpClient caller)
    {
        var body = await caller.PostAsync($"{Base}/list-accessors", null).ExpectAsync(HttpStatusCode.OK);
        return body.GetProperty("accessors").EnumerateArray().Select(a => a.Str("accessor")).ToList();
    }
}
