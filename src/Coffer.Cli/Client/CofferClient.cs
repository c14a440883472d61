using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
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
        using var content = new StringContent(JsonSerializer.Serialize(body, requestType), Encoding.UTF8, MediaTypes.Json);
        using var response = await SendRawAsync(method, path, content, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken)
            ?? throw new CliException($"{Address} answered {path} with an empty body");
    }

    public async Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken)
            ?? throw new CliException($"{Address} answered {path} with an empty body");
    }

    public async Task SendAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, null, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Address + path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypes.Json));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException || e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw new CliException($"the certificate of {Address} is not trusted; trust its CA with SSL_CERT_FILE=/path/ca.pem or --ca-cert /path/ca.pem");
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach Coffer at {Address}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"Coffer at {Address} did not answer in time");
        }
        if (response.IsSuccessStatusCode) return response;
        using (response) throw new CliException(await ErrorMessageAsync(response, cancellationToken), ExitCodeFor(response.StatusCode));
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var error = JsonSerializer.Deserialize(text, NativeJsonContext.Default.ErrorBody);
            if (error is not null) return $"{error.Message} ({(int)response.StatusCode})";
        }
        catch (JsonException)
        {
            // Not Coffer's error shape: fall through to the status line.
        }
        return $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private static int ExitCodeFor(HttpStatusCode status) => status == HttpStatusCode.ServiceUnavailable ? 2 : 1;

    public void Dispose() => http.Dispose();
}
