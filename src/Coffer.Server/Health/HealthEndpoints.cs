using System.Globalization;
using System.Text.Json;
using Coffer.Server.Http;
using Coffer.Server.Configuration;
using Coffer.Server.Seal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Health;

public sealed record HealthStatus(bool Initialized, bool Sealed, bool Standby, long ServerTimeUtc, string Version);

/// <summary>
/// GET /v1/sys/health for load balancers: 200 unsealed, 503 sealed, 501 not initialized. As in Vault,
/// ?sealedcode=, ?uninitcode= and ?activecode= choose other status codes.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapMethods("/v1/sys/health", ["GET", "HEAD"], Health);

    private static async Task Health(HttpContext context, SealManager seal, TimeProvider time)
    {
        var state = seal.State;
        var status = state switch
        {
            SealState.Unsealed => Code(context, "activecode", StatusCodes.Status200OK),
            SealState.Sealed => Code(context, "sealedcode", StatusCodes.Status503ServiceUnavailable),
            _ => Code(context, "uninitcode", StatusCodes.Status501NotImplemented),
        };
        var body = new HealthStatus(state != SealState.Uninitialized, state != SealState.Unsealed, Standby: false,
            time.GetUtcNow().ToUnixTimeSeconds(), CofferVersion.Value);
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaTypes.Json + "; charset=utf-8";
        if (!HttpMethods.IsHead(context.Request.Method))
            await JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Native.HealthStatus, context.RequestAborted);
    }

    private static int Code(HttpContext context, string parameter, int fallback) =>
        int.TryParse(context.Request.Query[parameter], NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 200 and <= 599
            ? code
            : fallback;
}
