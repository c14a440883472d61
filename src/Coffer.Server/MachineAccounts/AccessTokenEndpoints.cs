using Coffer.Core.Policies;
using Coffer.Server.Auth;
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
        var tokens = app.MapGroup(OrganizationEndpoints.Collection + "/{org:guid}/machine-accounts/{ma:guid}/access-tokens").AddEndpointFilter<SiteFilter>();
        tokens.MapGet("", ListAsync);
        tokens.MapPost("", CreateAsync);
        tokens.MapGet("/{id:guid}", GetAsync);
        tokens.MapPatch("/{id:guid}", RenameAsync);
        app.MapPost("/v1/state/orgs/{org:guid}/machine-accounts/{ma:guid}/access-tokens/revoke", RevokeAsync).AddEndpointFilter<SiteFilter>();
    }

    private static string Path(Guid org, Guid ma) => MachineAccountEndpoints.Path(org, ma) + "/access-tokens";

    private static async Task<NativeResult<AccessTokenList>> ListAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts,
        SecretManager secrets, Authorizer authorizer, AccessTokenUsage usage)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Read, context.RequestAborted);
        await usage.FlushAsync(context.RequestAborted);
        await accounts.GetAsync(org, ma, context.RequestAborted);
        var (limit, after) = Paging.Read(context.Request);
        var page = await accounts.Store.ListAccessTokensAsync(ma, after is null ? null : Paging.Guid(after, "after"), limit + 1, context.RequestAborted);
        var views = new List<AccessTokenView>();
        foreach (var token in page.Take(limit)) views.Add(await ViewAsync(secrets, token, context.RequestAborted));
        return Native.Ok(new AccessTokenList(views, page.Count > limit ? page[limit - 1].Id : null), MachineAccountsJson.Default.AccessTokenList);
    }

    private static async Task<NativeResult<AccessTokenView>> GetAsync(Guid org, Guid ma, Guid id, Principal caller, HttpContext context, MachineAccountManager accounts,
        SecretManager secrets, Authorizer authorizer, AccessTokenUsage usage)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, ma)}/{id:D}", Operation.Read, context.RequestAborted);
        await usage.FlushAsync(context.RequestAborted);
        var token = await accounts.AccessTokenAsync(await accounts.GetAsync(org, ma, context.RequestAborted), id, context.RequestAborted);
        return Native.Ok(await ViewAsync(secrets, token, context.RequestAborted), MachineAccountsJson.Default.AccessTokenView);
    }

    /// <summary>PATCH {name}: the only thing about a token that changes; its value is never shown again.</summary>
    private static async Task<NativeResult<AccessTokenView>> RenameAsync(Guid org, Guid ma, Guid id, Principal caller, HttpContext context, MachineAccountManager accounts,
        SecretManager secrets, Authorizer authorizer, AccessTokenUsage usage)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, ma)}/{id:D}", Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.NameBody, () => new NameBody());
        await usage.FlushAsync(context.RequestAborted);
        var token = await accounts.RenameAccessTokenAsync(await accounts.GetAsync(org, ma, context.RequestAborted), id, body.Name, context.RequestAborted);
        return Native.Ok(await ViewAsync(secrets, token, context.RequestAborted), MachineAccountsJson.Default.AccessTokenView);
    }

    private static async Task<AccessTokenView> ViewAsync(SecretManager secrets, AccessTokenRecord token, CancellationToken cancellationToken) =>
        new(token.Id, await secrets.DecryptAsync(token.OrganizationId, token.Name, cancellationToken), token.ExpiresAt, token.CreatedAt,
            token.RevisionDate, token.LastUsedAt, token.IsExpiredAt(secrets.Now));

    private static async Task<IResult> CreateAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, MachineAccountsJson.Default.AccessTokenRequest, () => new AccessTokenRequest());
        var expires = ZonedDates.ParseOptional(body.Expires, "expires");
        var account = await accounts.GetAsync(org, ma, context.RequestAborted);
        var minted = await accounts.CreateAccessTokenAsync(account, body.Name ?? "", expires, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return new NativeResult<AccessTokenCreated>(new AccessTokenCreated(minted.Record.Id, (body.Name ?? "").Trim(), minted.Token, minted.Record.ExpiresAt,
            minted.Record.CreatedAt), MachineAccountsJson.Default.AccessTokenCreated, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<RevokeResult>> RevokeAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"/v1/state/orgs/{org:D}/machine-accounts/{ma:D}/access-tokens/revoke", Operation.Execute, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, MachineAccountsJson.Default.RevokeRequest, () => new RevokeRequest());
        if (body.All == true == (body.Ids is not null)) throw ApiException.BadRequest("give either ids (the tokens to revoke) or all: true");
        var ids = body.Ids?.Select((id, i) => Guid.TryParse(id, out var parsed) ? parsed : throw ApiException.BadRequest($"ids[{i}]: give an access token's id (a UUID)")).ToList();
        var account = await accounts.GetAsync(org, ma, context.RequestAborted);
        return Native.Ok(new RevokeResult(await accounts.RevokeAccessTokensAsync(account, body.All == true ? null : ids, context.RequestAborted)),
            MachineAccountsJson.Default.RevokeResult);
    }
}
