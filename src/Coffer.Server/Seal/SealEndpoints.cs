using Coffer.Server.Domain;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Seal;

/// <summary>/v1/sys/init, unseal, seal and seal-status: the only API, with health, served while sealed.</summary>
public static class SealEndpoints
{
    public static readonly IReadOnlyList<string> ServedWhileSealed =
        ["/v1/sys/init", "/v1/sys/unseal", "/v1/sys/seal", "/v1/sys/seal-status", "/v1/sys/health"];

    public static void MapSealEndpoints(this IEndpointRouteBuilder app)
    {
        var sys = app.MapGroup("/v1/sys");
        sys.MapGet("/init", (SealManager seal) => Native.Ok(new InitStatus(seal.State != SealState.Uninitialized), SealJson.Native.InitStatus));
        sys.MapMethods("/init", ["POST", "PUT"], InitializeAsync);
        sys.MapMethods("/unseal", ["POST", "PUT"], UnsealAsync);
        sys.MapMethods("/seal", ["POST", "PUT"], SealAsync);
        sys.MapGet("/seal-status", (SealManager seal) => Native.Ok(seal.Status, SealJson.Native.SealStatus));
    }

    private static async Task<NativeResult<InitResponse>> InitializeAsync(HttpContext context, SealManager seal)
    {
        var request = await RequestBody.ReadAsync(context, SealJson.Native.InitRequest,
            () => throw new InvalidException("send secret-shares and secret-threshold, for example {\"secret-shares\": 5, \"secret-threshold\": 3}"));
        var response = await seal.InitializeAsync(request.SecretShares, request.SecretThreshold, rootToken: null, context.RequestAborted);
        return Native.Ok(response, SealJson.Native.InitResponse);
    }

    private static async Task<NativeResult<SealStatus>> UnsealAsync(HttpContext context, SealManager seal)
    {
        var request = await RequestBody.ReadAsync(context, SealJson.Native.UnsealRequest, () => new UnsealRequest());
        if (request.Reset == true)
        {
            seal.ResetProgress();
            return Native.Ok(seal.Status, SealJson.Native.SealStatus);
        }
        if (string.IsNullOrWhiteSpace(request.Key))
            throw new InvalidException("send a key share as {\"key\": \"<share>\"}, or {\"reset\": true} to discard the shares given so far");
        return Native.Ok(await seal.SubmitShareAsync(request.Key, context.RequestAborted), SealJson.Native.SealStatus);
    }

    /// <summary>Root only. Sealing a sealed server is a no-op (no token can be checked then anyway).</summary>
    private static async Task<IResult> SealAsync(HttpContext context, SealManager seal, Authentication authentication)
    {
        if (seal.State != SealState.Unsealed) return TypedResults.NoContent();
        var principal = await authentication.RequireAsync(context);
        if (!principal.IsRoot) throw new DeniedException("sealing Coffer needs a root token");
        seal.Seal();
        return TypedResults.NoContent();
    }
}
