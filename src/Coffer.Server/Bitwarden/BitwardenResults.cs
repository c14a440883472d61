using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coffer.Server.Http;
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
    public static ApiException NotFound() => ApiException.NotFound(NotFoundMessage);

    public static ApiException Invalid(string field, string message) => new BitwardenValidationException(field, message);

    public static Task WriteErrorAsync(HttpContext context, int status, string message, IReadOnlyDictionary<string, IReadOnlyList<string>>? validation = null)
    {
        var body = new ErrorResponse(status switch
        {
            StatusCodes.Status401Unauthorized => "Unauthorized.",
            StatusCodes.Status404NotFound => NotFoundMessage,
            _ => message,
        }, validation);
        return new BitwardenResult<ErrorResponse>(body, BitwardenJson.Default.ErrorResponse, status).ExecuteAsync(context);
    }
}

/// <summary>A 400 with upstream's model-state shape: {"message": "The model state is invalid.", "validationErrors": {field: [msg]}}.</summary>
public sealed class BitwardenValidationException(string field, string message)
    : ApiException(StatusCodes.Status400BadRequest, "invalid-request", message)
{
    public string Field { get; } = field;
}
