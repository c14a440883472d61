using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coffer.Server.Domain;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Bitwarden;

/// <summary>JSON answers with the Content-Type Gen B clients require (application/json; charset=utf-8).</summary>
public sealed class BitwardenResult<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) : IResult
{
    public async Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}

public static class BitwardenResults
{
    public static BitwardenResult<T> Ok<T>(T value, JsonTypeInfo<T> type) => new(value, type);

    public const string NotFoundMessage = "Resource not found.";

    /// <summary>Upstream reports what a machine account may not see as missing (spec §5.4).</summary>
    public static NotFoundException NotFound() => new(NotFoundMessage);

    /// <summary>A 400 in upstream's model-state shape, naming the field.</summary>
    public static InvalidException Invalid(string field, string message) => new(message, field);
}
