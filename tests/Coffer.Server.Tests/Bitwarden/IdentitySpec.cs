using System.Net;
using System.Text;
using System.Text.Json;
using Coffer.Core.Bitwarden;
using Coffer.Server.Tests.Infrastructure;
using static Coffer.Server.Tests.Infrastructure.SecretSteps;

namespace Coffer.Server.Tests.Bitwarden;

/// <summary>POST /identity/connect/token as Bitwarden clients use it (protocol spec §3).</summary>
public abstract class IdentitySpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;
    private CofferTestServer Server => fixture.Server;

    private async Task<(Guid Org, Guid Account, AccessToken Token)> TokenAsync(string? expires = null)
    {
        var org = await Root.CreateOrganizationAsync();
        var account = await Root.CreateMachineAccountAsync(org);
        return (org, account, AccessToken.Parse(await Root.MintAccessTokenAsync(org, account, expires)));
    }

    [Fact]
    public async Task A_login_returns_exactly_the_fields_sm_clients_expect()
    {
        var (org, account, token) = await TokenAsync();

        using var response = await Server.Client.PostAsync("/identity/connect/token", LoginForm(token.Id.ToString(), token.ClientSecret));
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(["access_token", "encrypted_payload", "expires_in", "scope", "token_type"], body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("Bearer", body.Str("token_type"));
        Assert.Equal("api.secrets", body.Str("scope"));
        var claims = JsonDocument.Parse(Base64Url(body.Str("access_token").Split('.')[1])).RootElement;
        Assert.Equal(org.ToString(), claims.Str("organization"));
        Assert.Equal(account.ToString(), claims.Str("sub"));
        Assert.Equal(JsonValueKind.Array, claims.GetProperty("scope").ValueKind);
        Assert.Equal(64, EncryptedPayload.Open(token.DeriveKey(), body.Str("encrypted_payload")).Bytes.Length);
    }

    [Theory]
    [InlineData("client_credentials", "api", "invalid_scope")]
    [InlineData("password", "api.secrets", "unsupported_grant_type")]
    public async Task The_wrong_grant_or_scope_is_an_oauth_error(string grant, string scope, string error)
    {
        var (_, _, token) = await TokenAsync();

        var body = await Server.Client.PostAsync("/identity/connect/token", LoginForm(token.Id.ToString(), token.ClientSecret, scope, grant))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(error, body.Str("error"));
    }

    [Fact]
    public async Task Unknown_ids_wrong_secrets_and_another_tokens_secret_all_get_the_same_invalid_client()
    {
        var (_, _, token) = await TokenAsync();
        var (_, _, other) = await TokenAsync();

        var unknown = await Server.Client.PostAsync("/identity/connect/token", LoginForm(Guid.NewGuid().ToString(), token.ClientSecret)).ExpectAsync(HttpStatusCode.BadRequest);
        var wrong = await Server.Client.PostAsync("/identity/connect/token", LoginForm(token.Id.ToString(), "not-the-secret")).ExpectAsync(HttpStatusCode.BadRequest);
        var swapped = await Server.Client.PostAsync("/identity/connect/token", LoginForm(token.Id.ToString(), other.ClientSecret)).ExpectAsync(HttpStatusCode.BadRequest);
        var notAGuid = await Server.Client.PostAsync("/identity/connect/token", LoginForm("nope", token.ClientSecret)).ExpectAsync(HttpStatusCode.BadRequest);

        foreach (var body in new[] { unknown, wrong, swapped, notAGuid }) Assert.Equal("invalid_client", body.Str("error"));
        Assert.Equal(unknown.GetProperty("ErrorModel").Str("Message"), wrong.GetProperty("ErrorModel").Str("Message"));
        Assert.Equal(unknown.GetProperty("ErrorModel").Str("Message"), swapped.GetProperty("ErrorModel").Str("Message"));
    }

    [Fact]
    public async Task An_expired_token_cannot_log_in()
    {
        var (_, _, token) = await TokenAsync(Rfc3339(Server.Clock.GetUtcNow().AddMinutes(5)));
        Server.Clock.Advance(TimeSpan.FromMinutes(6));

        var body = await Server.Client.PostAsync("/identity/connect/token", LoginForm(token.Id.ToString(), token.ClientSecret)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Access token has expired.", body.GetProperty("ErrorModel").Str("Message"));
    }

    [Fact]
    public async Task The_response_never_has_a_kdf_property()
    {
        var (_, _, token) = await TokenAsync();

        using var response = await Server.Client.PostAsync("/identity/connect/token", LoginForm(token.Id.ToString(), token.ClientSecret));

        Assert.DoesNotContain("kdf", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_oversize_body_is_an_oauth_invalid_request_with_413()
    {
        var (_, _, token) = await TokenAsync();
        var form = new Dictionary<string, string>
        {
            ["scope"] = "api.secrets", ["client_id"] = token.Id.ToString(), ["client_secret"] = new string('x', 2 * 1024 * 1024), ["grant_type"] = "client_credentials",
        };

        // Expect: 100-continue, so the client waits for the answer instead of racing the server's close with the body.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/identity/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.ExpectContinue = true;

        var body = await Server.Client.SendAsync(request).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("invalid_request", body.Str("error"));
        Assert.Contains("too large", body.GetProperty("ErrorModel").Str("Message"));
    }

    [Fact]
    public async Task A_form_beyond_the_form_reader_limits_is_an_oauth_invalid_request()
    {
        var (_, _, token) = await TokenAsync();
        var form = new Dictionary<string, string>
        {
            ["scope"] = "api.secrets", ["client_id"] = token.Id.ToString(), ["client_secret"] = token.ClientSecret, ["grant_type"] = "client_credentials",
            [new string('k', 5000)] = "v",
        };

        var body = await Server.Client.PostAsync("/identity/connect/token", new FormUrlEncodedContent(form)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid_request", body.Str("error"));
    }

    [Fact]
    public async Task A_json_body_is_an_oauth_invalid_request()
    {
        var body = await Server.Client.PostAsync("/identity/connect/token", Infrastructure.Http.Json("""{"grant_type": "client_credentials"}""")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid_request", body.Str("error"));
    }

    [Fact]
    public async Task A_doubled_slash_from_a_trailing_slash_base_url_still_reaches_identity_and_the_api()
    {
        var (org, _, token) = await TokenAsync();

        var body = await Server.Client.PostAsync("/identity//connect/token", LoginForm(token.Id.ToString(), token.ClientSecret)).ExpectAsync(HttpStatusCode.OK);
        using var client = Server.ClientWithToken(body.Str("access_token"));
        await client.GetAsync($"/api//organizations/{org}/projects").ExpectAsync(HttpStatusCode.OK);
    }

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Base64Url(string text) => Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight((text.Length + 3) / 4 * 4, '='));
}

public sealed class IdentityOnSqlite(SqliteServerFixture fixture) : IdentitySpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class IdentityOnPostgres(PostgresServerFixture fixture) : IdentitySpec(fixture), IClassFixture<PostgresServerFixture>;
