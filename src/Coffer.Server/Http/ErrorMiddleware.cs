using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Http;

/// <summary>
/// The last word on failures: domain refusals and malformed input become their status and message in the
/// shape of the path's surface, and anything unexpected a 500 with a generic message (details go to the log,
/// never to the client — they could hold secrets or internals).
/// </summary>
public sealed class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger, ErrorWriter errors)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e)
        {
            var report = ErrorReport.From(e);
            if (report is null) logger.LogError(e, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            await errors.WriteAsync(context, report ?? ErrorReport.Internal, unmatched: false);
        }
    }
}
