using System.Net;
using System.Text;
using System.Text.Json;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>Terse HTTP helpers so tests read as requests and expectations.</summary>
public static class Http
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/yaml");

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"expected JSON, got {(int)response.StatusCode}: {text}");
        }
    }

    /// <summary>Asserts the status and returns the JSON body; the message shows the body when it fails.</summary>
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The message of a native error body; also checks both error forms agree.</summary>
    public static string ErrorMessage(this JsonElement body)
    {
        var message = body.GetProperty("message").GetString()!;
        Assert.Equal(message, body.GetProperty("errors")[0].GetProperty("error-message").GetString());
        return message;
    }

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
