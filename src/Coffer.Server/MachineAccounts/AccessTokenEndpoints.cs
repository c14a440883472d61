using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Domain;
using Coffer.Server.Http;
using Coffer.Server.Policies;
using Coffer.Server.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.MachineAccounts;

/// <summary>A machine account's access tokens: list, create (the token is in this answer only), revoke some or all.</summary>
public static class AccessTokenEndpoints
{
    public static void MapAccessTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup(SecretPaths.Organizations + "/{org:guid}/machine-accounts/{ma:guid}/access-tokens").AddEndpointFilter<SiteFilter>();
        tokens.MapGet("", ListAsync);
        tokens.MapPost("", CreateAsync);
        tokens.MapGet("/{id:guid}", GetAsync);
        tokens.MapPatch("/{id:guid}", RenameAsync);
        app.MapPost("/v1/state/orgs/{org:guid}/machine-accounts/{ma:guid}/access-tokens/revoke", RevokeAsync).AddEndpointFilter<SiteFilter>();
    }

    private static string Path(Guid org, Guid ma) => MachineAccountEndpoints.Path(org, ma) + "/access-tokens";

    private static async Task<NativeResult<AccessTokenList>> ListAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts,
        AccessTokenManager tokens, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Read, context.RequestAborted);
        var account = await accounts.GetAsync(org, ma, context.RequestAborted);
        var (limit, after) = Paging.ReadById(context.Request);
        var page = await tokens.ListAsync(account, after, limit, context.RequestAborted);
        var views = new List<AccessTokenView>(page.Items.Count);
        foreach (var token in page.Items) views.Add(await ViewAsync(keys, tokens, token, context.RequestAborted));
        return Native.Ok(new AccessTokenList(views, page.NextAfter(t => t.Id)), MachineAccountsJson.Native.AccessTokenList);
    }

    private static async Task<NativeResult<AccessTokenView>> GetAsync(Guid org, Guid ma, Guid id, Principal caller, HttpContext context, MachineAccountManager accounts,
        AccessTokenManager tokens, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, ma)}/{id:D}", Operation.Read, context.RequestAborted);
        var token = await tokens.GetAsync(await accounts.GetAsync(org, ma, context.RequestAborted), id, context.RequestAborted);
        return Native.Ok(await ViewAsync(keys, tokens, token, context.RequestAborted), MachineAccountsJson.Native.AccessTokenView);
    }

    /// <summary>PATCH {name}: the only thing about a token that changes; its value is never shown again.</summary>
    private static async Task<NativeResult<AccessTokenView>> RenameAsync(Guid org, Guid ma, Guid id, Principal caller, HttpContext context, MachineAccountManager accounts,
        AccessTokenManager tokens, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, ma)}/{id:D}", Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.NameBody, () => new NameBody());
        var token = await tokens.RenameAsync(await accounts.GetAsync(org, ma, context.RequestAborted), id, body.Name, context.RequestAborted);
        return Native.Ok(await ViewAsync(keys, tokens, token, context.RequestAborted), MachineAccountsJson.Native.AccessTokenView);
    }

    private static async Task<AccessTokenView> ViewAsync(OrganizationKeys keys, AccessTokenManager tokens, AccessTokenRecord token, CancellationToken cancellationToken) =>
        new(token.Id, await keys.DecryptAsync(token.OrganizationId, token.Name, cancellationToken), token.ExpiresAt, token.CreatedAt,
            token.RevisionDate, token.LastUsedAt, tokens.IsExpired(token));

    private static async Task<IResult> CreateAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts,
        AccessTokenManager tokens, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, MachineAccountsJson.Native.AccessTokenRequest, () => new AccessTokenRequest());
        var expires = ZonedDates.ParseOptional(body.Expires, "expires");
        var account = await accounts.GetAsync(org, ma, context.RequestAborted);
        var minted = await tokens.CreateAsync(account, body.Name ?? "", expires, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return new NativeResult<AccessTokenCreated>(new AccessTokenCreated(minted.Record.Id, (body.Name ?? "").Trim(), minted.Token, minted.Record.ExpiresAt,
            minted.Record.CreatedAt), MachineAccountsJson.Native.AccessTokenCreated, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<RevokeResult>> RevokeAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts,
        AccessTokenManager tokens, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"/v1/state/orgs/{org:D}/machine-accounts/{ma:D}/access-tokens/revoke", Operation.Execute, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, MachineAccountsJson.Native.RevokeRequest, () => new RevokeRequest());
        if (body.All == true == (body.Ids is not null)) throw new InvalidException("give either ids (the tokens to revoke) or all: true");
        var ids = body.Ids?.Select((id, i) => Guid.TryParse(id, out var parsed) ? parsed : throw new InvalidException($"ids[{i}]: give an access token's id (a UUID)", $"ids[{i}]")).ToList();
        var account = await accounts.GetAsync(org, ma, context.RequestAborted);
        return Native.Ok(new RevokeResult(await tokens.RevokeAsync(account, body.All == true ? null : ids, context.RequestAborted)), MachineAccountsJson.Native.RevokeResult);
    }
}
