using System.Net;
using System.Text.Json;
using Coffer.Core.Bitwarden;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>Organizations, projects, secrets, machine accounts and access tokens through the native API; Bitwarden logins.</summary>
public static class SecretSteps
{
    public const string Orgs = "/v1/config/orgs";

    public static async Task<Guid> CreateOrganizationAsync(this HttpClient root, string name = "acme") =>
        Guid.Parse((await root.PostAsync(Orgs, Http.Json($$"""{"name": "{{name}}"}""")).ExpectAsync(HttpStatusCode.Created)).Str("id"));

    public static async Task<Guid> CreateProjectAsync(this HttpClient root, Guid org, string name = "production") =>
        Guid.Parse((await root.PostAsync($"{Orgs}/{org}/projects", Http.Json($$"""{"name": "{{name}}"}""")).ExpectAsync(HttpStatusCode.Created)).Str("id"));

    public static async Task<JsonElement> CreateSecretAsync(this HttpClient root, Guid org, Guid project, string key, string value, string note = "") =>
        await root.PostAsync($"{Orgs}/{org}/projects/{project}/secrets",
            Http.Json(JsonSerializer.Serialize(new Dictionary<string, string> { ["key"] = key, ["value"] = value, ["note"] = note }))).ExpectAsync(HttpStatusCode.Created);

    public static async Task<Guid> CreateMachineAccountAsync(this HttpClient root, Guid org, string name = "ci") =>
        Guid.Parse((await root.PostAsync($"{Orgs}/{org}/machine-accounts", Http.Json($$"""{"name": "{{name}}"}""")).ExpectAsync(HttpStatusCode.Created)).Str("id"));

    public static Task GrantAsync(this HttpClient root, Guid org, Guid machineAccount, Guid project, string access) =>
        root.PutAsync($"{Orgs}/{org}/machine-accounts/{machineAccount}/grants/{project}", Http.Json($$"""{"access": "{{access}}"}""")).ExpectAsync(HttpStatusCode.OK);

    public static async Task<string> MintAccessTokenAsync(this HttpClient root, Guid org, Guid machineAccount, string? expires = null)
    {
        var body = expires is null ? """{"name": "test token"}""" : $$"""{"name": "test token", "expires": "{{expires}}"}""";
        return (await root.PostAsync($"{Orgs}/{org}/machine-accounts/{machineAccount}/access-tokens", Http.Json(body)).ExpectAsync(HttpStatusCode.Created)).Str("token");
    }

    public static FormUrlEncodedContent LoginForm(string clientId, string clientSecret, string scope = "api.secrets", string grantType = "client_credentials") =>
        new(new Dictionary<string, string> { ["scope"] = scope, ["client_id"] = clientId, ["client_secret"] = clientSecret, ["grant_type"] = grantType });

    /// <summary>What a Bitwarden client holds after logging in: the bearer JWT and the organization key from the payload.</summary>
    public sealed record Session(string Jwt, SymmetricKey OrganizationKey, HttpClient Client) : IDisposable
    {
        public string Encrypt(string plaintext) => EncString.Encrypt(OrganizationKey, plaintext);

        public string Decrypt(string encString) => EncString.DecryptToString(OrganizationKey, encString);

        public void Dispose() => Client.Dispose();
    }

    public static async Task<Session> LoginAsync(this CofferTestServer server, string accessToken)
    {
        var token = AccessToken.Parse(accessToken);
        var body = await server.Client.PostAsync("/identity/connect/token", LoginForm(token.Id.ToString(), token.ClientSecret)).ExpectAsync(HttpStatusCode.OK);
        var key = EncryptedPayload.Open(token.DeriveKey(), body.Str("encrypted_payload"));
        return new Session(body.Str("access_token"), key, server.ClientWithToken(body.Str("access_token")));
    }
}
