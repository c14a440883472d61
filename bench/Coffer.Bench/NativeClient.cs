using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Coffer.Bench;

/// <summary>The calls that set a benchmark up, over the server's public HTTP API (JSON in and out).</summary>
public sealed class NativeClient : IDisposable
{
    private readonly HttpClient _http;

    public NativeClient(Uri address, string? bearer)
    {
        _http = new HttpClient { BaseAddress = address };
        if (bearer is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await ReadAsync(await _http.SendAsync(request), $"{method} {path}");
    }

    public async Task<JsonElement> PostFormAsync(string path, IDictionary<string, string> form) =>
        await ReadAsync(await _http.PostAsync(path, new FormUrlEncodedContent(form)), $"POST {path}");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{what} → {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
