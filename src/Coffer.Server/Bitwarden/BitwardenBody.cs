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
            throw BitwardenResults.Invalid(Field(e.Path), "The request body is not valid JSON for this endpoint.");
        }
    }

    /// <summary>The field a JSON path names, as the model-state key: "$.ids[0]" → "ids[0]", "$[2]" → "[2]", "$" → "body".</summary>
    public static string Field(string? path) => path switch
    {
        null or "" or "$" => "body",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith('$') => path[1..],
        _ => path,
    };
}
