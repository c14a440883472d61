using System.Net;
using System.Text.Json;
using Coffer.Server.Tests.Infrastructure;

namespace Coffer.Server.Tests.Http;

/// <summary>A path no endpoint serves, or a method it does not take, still answers in its surface's error shape.</summary>
public abstract class UnmatchedRoutesSpec(UnsealedServerFixture fixture)
{
    private HttpClient Root => fixture.Root;

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(string method, string path)
    {
        var response = await Root.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"{method} {path} answered {(int)response.StatusCode} with an empty body");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    [Theory]
    [InlineData("GET", "/v1/no/such/path")]
    [InlineData("POST", "/v1/state/strongbox/token/no-such-operation")]
    [InlineData("GET", "/v1/config/orgs/not-a-uuid")]
    [InlineData("GET", "/nowhere")]
    public async Task An_unknown_native_path_is_404_in_the_native_error_shape(string method, string path)
    {
        var (status, body, _) = await SendAsync(method, path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not-found", body.Str("error"));
        Assert.Contains(path, body.ErrorMessage());
    }

    [Theory]
    [InlineData("GET", "/v1/state/strongbox/token/create-token", "POST")]
    [InlineData("DELETE", "/v1/token-info", "POST")]
    [InlineData("POST", "/v1/config/users/someone", "DELETE, GET, PATCH, PUT")]
    public async Task A_wrong_method_is_405_in_the_native_error_shape_naming_the_allowed_ones(string method, string path, string allowed)
    {
        var (status, body, response) = await SendAsync(method, path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("method-not-allowed", body.Str("error"));
        Assert.Contains($"{method} is not allowed on {path}", body.ErrorMessage());
        Assert.Contains(allowed, body.ErrorMessage());
        Assert.Equal(allowed, string.Join(", ", response.Content.Headers.Allow.Order()));
    }

    [Theory]
    [InlineData("GET", "/api/secrets/not-a-guid", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("GET", "/identity/connect/nothing", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/secrets/delete", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/identity/connect/token", HttpStatusCode.MethodNotAllowed)]
    public async Task The_bitwarden_surface_answers_unmatched_requests_in_bitwardens_shape(string method, string path, HttpStatusCode expected)
    {
        var (status, body, _) = await SendAsync(method, path);

        Assert.Equal(expected, status);
        Assert.Equal("error", body.Str("object"));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("validationErrors").ValueKind);
        if (expected == HttpStatusCode.NotFound) Assert.Equal("Resource not found.", body.Str("message"));
        Assert.False(body.TryGetProperty("errors", out _));
    }
}

public sealed class UnmatchedRoutesOnSqlite(SqliteServerFixture fixture) : UnmatchedRoutesSpec(fixture), IClassFixture<SqliteServerFixture>;

public sealed class UnmatchedRoutesOnPostgres(PostgresServerFixture fixture) : UnmatchedRoutesSpec(fixture), IClassFixture<PostgresServerFixture>;
