using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Bitwarden;

/// <summary>Request bodies of the Bitwarden API: camelCase JSON, unknown fields ignored, malformed → upstream's 400.</summary>
public static class BitwardenBody
{
    public static async ValueTask<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted)
                ?? throw BitwardenResults.Invalid("body", "A request body is required.");
        }
        catch (JsonException e)
        {
            throw BitwardenResults.Invalid(e.Path is { Length: > 2 } path ? path[2..] : "body", "The request body is not valid JSON for this endpoint.");
        }
    }
}
