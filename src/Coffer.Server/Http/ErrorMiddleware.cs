using Coffer.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Http;

/// <summary>
/// The last word on failures: refusals become their status and message, malformed input a 400, an
/// oversize body a 413, and anything unexpected a 500 with a generic message (details go to the log,
/// never to the client — they could hold secrets or internals).
/// </summary>
public sealed class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiException e)
        {
            await WriteAsync(context, e.Status, e.Code, e.Message, e);
        }
        catch (CofferFormatException e)
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "invalid-request", e.Message);
        }
        catch (BadHttpRequestException e)
        {
            var message = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the request body is too large (the limit is {Limits.MaxRequestBodyBytes / 1024} KiB)"
                : "the request could not be read: " + e.Message;
            await WriteAsync(context, e.StatusCode, e.StatusCode == 413 ? "too-large" : "invalid-request", message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, "internal",
                "Coffer failed to handle this request; the server log has the details");
        }
    }

    private static Task WriteAsync(HttpContext context, int status, string code, string message, Exception? cause = null)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        context.Response.Clear();
        // The Bitwarden surface answers in the shape its clients know (spec §5.4).
        if (context.Request.Path.StartsWithSegments("/api"))
            return cause is Bitwarden.BitwardenValidationException invalid
                ? Bitwarden.BitwardenResults.WriteErrorAsync(context, status, "The model state is invalid.",
                    new Dictionary<string, IReadOnlyList<string>> { [invalid.Field] = [invalid.Message] })
                : Bitwarden.BitwardenResults.WriteErrorAsync(context, status, message);
        return Native.Error(status, code, message).ExecuteAsync(context);
    }
}

public static class Limits
{
    /// <summary>Large enough for any secret (Bitwarden's value limit is 35,000 characters) with room to spare.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;
}
