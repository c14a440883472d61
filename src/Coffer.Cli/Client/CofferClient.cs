using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coffer.Server.Http;

namespace Coffer.Cli.Client;

/// <summary>
/// The operator client for the native API: JSON in and out, the bearer token, and every failure turned
/// into one sentence (unreachable server, untrusted certificate, or the server's own error message).
/// </summary>
public sealed class CofferClient(HttpClient http, string address, string? token) : IDisposable
{
    public string Address { get; } = address;

    public async Task<TResponse> SendAsync<TRequest, TResponse>(HttpMethod method, string path, TRequest body,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, Json(body, requestType), cancellationToken);
        return await ReadAsync(response, path, responseType, cancellationToken);
    }

    public async Task SendAsync<TRequest>(HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, Json(body, requestType), cancellationToken);
    }

    public async Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        return await ReadAsync(response, path, responseType, cancellationToken);
    }

    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, null, cancellationToken);
    }

    /// <summary>A body as given (a policy file in YAML or JSON), with its media type.</summary>
    public async Task SendTextAsync(HttpMethod method, string path, string text, string mediaType, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, new StringContent(text, Encoding.UTF8, mediaType), cancellationToken);
    }

    private static StringContent Json<T>(T body, JsonTypeInfo<T> type) => new(JsonSerializer.Serialize(body, type), Encoding.UTF8, MediaTypes.Json);

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken) ?? throw new CliException($"{Address} answered {path} with an empty body");
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, Address + path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.Json));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await Http.SendAsync(http, request, Address, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response) throw new CliException(await ErrorMessageAsync(response, cancellationToken), response.StatusCode == HttpStatusCode.ServiceUnavailable ? 2 : 1);
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var error = JsonSerializer.Deserialize(text, HttpJson.Native.ErrorBody);
            if (error is not null) return $"{error.Message} ({(int)response.StatusCode})";
        }
        catch (JsonException)
        {
            // Not Coffer's error shape: fall through to the status line.
        }
        return $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    public void Dispose() => http.Dispose();
}
