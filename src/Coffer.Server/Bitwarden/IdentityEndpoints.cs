using Coffer.Server.Domain;
using Coffer.Server.MachineAccounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Bitwarden;

/// <summary>
/// POST /identity/connect/token — OAuth client credentials, as Bitwarden clients send them (spec §3):
/// the access token's id and client secret in a form; back comes a JWT (1 hour) and the encrypted
/// payload that holds the organization key. Failures are OAuth errors with a readable ErrorModel.
/// </summary>
public static class IdentityEndpoints
{
    private const string Scope = AccessTokenManager.JwtScope;

    public static void MapIdentityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/identity/connect/token", TokenAsync).DisableAntiforgery();

    private static async Task<IResult> TokenAsync(HttpContext context, AccessTokenManager tokens)
    {
        if (!context.Request.HasFormContentType)
            return Error("invalid_request", "send the credentials as application/x-www-form-urlencoded");
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error("invalid_request", $"the request body is too large (the limit is {Http.Limits.MaxRequestBodyBytes / 1024} KiB)", e.StatusCode);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            // Malformed or beyond the form reader's limits (key length, value count…): the client's mistake.
            return Error("invalid_request", "the form could not be read: send scope, client_id, client_secret and grant_type, URL-encoded");
        }
        if (form["grant_type"] != "client_credentials") return Error("unsupported_grant_type", "grant_type must be client_credentials");
        if (form["scope"] != Scope) return Error("invalid_scope", $"scope must be {Scope}");
        if (!Guid.TryParse(form["client_id"], out var id) || string.IsNullOrEmpty(form["client_secret"]))
            return Error("invalid_client", "client_id must be the access token's id and client_secret its secret");

        try
        {
            var login = await tokens.LoginAsync(id, form["client_secret"]!, context.RequestAborted);
            return BitwardenResults.Ok(new IdentityTokenResponse(login.Jwt, AccessTokenManager.JwtLifetimeSeconds, "Bearer", Scope, login.EncryptedPayload),
                BitwardenJson.Default.IdentityTokenResponse);
        }
        catch (UnauthenticatedException e)
        {
            return Error("invalid_client", e.Message);
        }
    }

    /// <summary>400 with error, error_description and ErrorModel: clients then show ErrorModel.Message (spec §3.4).</summary>
    private static IResult Error(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        new BitwardenResult<IdentityError>(new IdentityError(error, description, new IdentityErrorModel(description, "error")),
            BitwardenJson.Default.IdentityError, status);
}
