using Coffer.Server.Domain;
using Coffer.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Seal;

/// <summary>
/// While sealed (or not yet initialized), every path but the seal and health endpoints, metrics and
/// the web UI's static files answers 503: nothing behind the seal can be read without the keyring.
/// </summary>
internal sealed class SealGateMiddleware(RequestDelegate next, SealManager seal)
{
    private static readonly string[] OpenPrefixes = ["/metrics", "/ui"];

    public Task InvokeAsync(HttpContext context)
    {
        var state = seal.State;
        if (state == SealState.Unsealed || IsOpen(context.Request.Path)) return next(context);
        throw state == SealState.Uninitialized
            ? new SealedException("Coffer is not initialized: run `coffer operator init` (POST /v1/sys/init), then unseal it")
            : new SealedException();
    }

    private static bool IsOpen(PathString path)
    {
        foreach (var open in SealEndpoints.ServedWhileSealed)
            if (path.Equals(open, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var prefix in OpenPrefixes)
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) return true;
        return path == "/";
    }
}
