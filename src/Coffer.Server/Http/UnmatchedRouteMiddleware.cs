using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

/// <summary>
/// Routing answers a path no endpoint serves (including a route-constraint miss such as a non-UUID id) with
/// a bare 404, and a method an endpoint does not take with a bare 405. This gives both a body in the error
/// shape of the path's surface (the Bitwarden shape under /api and /identity, spec §5.4; the native shape
/// everywhere else). Any answer that already has a body, or has started, is left alone.
/// </summary>
public sealed class UnmatchedRouteMiddleware(RequestDelegate next, ErrorWriter errors)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var response = context.Response;
        if (response.HasStarted || response.StatusCode is not (StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
            || response.ContentType is not null || response.ContentLength is not null)
            return;
        var request = context.Request;
        var report = response.StatusCode == StatusCodes.Status404NotFound
            ? new ErrorReport(StatusCodes.Status404NotFound, "not-found", $"nothing is served at {request.Method} {request.Path}: check the path (docs/api lists every operation)")
            : new ErrorReport(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", $"{request.Method} is not allowed on {request.Path}"
                + (response.Headers.Allow is { Count: > 0 } allow ? $"; use {string.Join(", ", allow.Order(StringComparer.Ordinal))}" : ""));
        await errors.WriteAsync(context, report, unmatched: true);
    }
}
