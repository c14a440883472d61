using System.Net;
using System.Text.Json;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>Initialize-and-unseal in one step, for tests about what comes after the seal.</summary>
public static class SealSteps
{
    public sealed record Initialized(IReadOnlyList<string> Keys, string RootToken);

    public static async Task<Initialized> InitializeAsync(this CofferTestServer server, int shares = 3, int threshold = 2)
    {
        var body = await server.Client.PostAsync("/v1/sys/init", Http.Json($$"""{"secret-shares": {{shares}}, "secret-threshold": {{threshold}}}"""))
            .ExpectAsync(HttpStatusCode.OK);
        return new Initialized(body.GetProperty("keys-base64").EnumerateArray().Select(k => k.GetString()!).ToList(), body.Str("root-token"));
    }

    public static async Task<JsonElement> UnsealWithAsync(this CofferTestServer server, string key) =>
        await server.Client.PostAsync("/v1/sys/unseal", Http.Json(JsonSerializer.Serialize(new Dictionary<string, string> { ["key"] = key }, SealTestJson.Default.DictionaryStringString)))
            .ExpectAsync(HttpStatusCode.OK);

    public static async Task<Initialized> InitializeAndUnsealAsync(this CofferTestServer server, int shares = 3, int threshold = 2)
    {
        var init = await server.InitializeAsync(shares, threshold);
        foreach (var key in init.Keys.Take(threshold)) await server.UnsealWithAsync(key);
        return init;
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class SealTestJson : System.Text.Json.Serialization.JsonSerializerContext;
