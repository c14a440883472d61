using Coffer.Server.Domain;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Coffer.Server.Policies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Tokens;

/// <summary>The Strongbox-style token operations: POST /v1/state/strongbox/token/&lt;operation&gt; and POST /v1/token-info.</summary>
public static class TokenEndpoints
{
    public const string Base = "/v1/state/strongbox/token";

    public static void MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var token = app.MapGroup(Base).AddEndpointFilter<SiteFilter>();
        token.MapPost("/create-token", CreateAsync);
        token.MapPost("/info", InfoAsync);
        token.MapPost("/lookup-self", InfoAsync);
        token.MapPost("/refresh", RefreshAsync);
        token.MapPost("/list-accessors", ListAccessorsAsync);
        token.MapPost("/revoke", RevokeAsync);
        token.MapPost("/revoke-self", RevokeSelfAsync);
        token.MapPost("/revoke-accessor", RevokeAccessorAsync);
        token.MapPost("/revoke-orphan", RevokeOrphanAsync);
        token.MapPost("/set-bound-cidrs", SetBoundCidrsAsync);
        app.MapPost("/v1/token-info", TokenInfoAsync).AddEndpointFilter<SiteFilter>();
    }

    private static async Task<NativeResult<CreateTokenResponse>> CreateAsync(Principal caller, HttpContext context, TokenManager tokens, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Base + "/create-token", Operation.Execute, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, TokensJson.Native.CreateTokenBody, () => new CreateTokenBody());
        var created = await tokens.CreateAsync(caller, TokenRequestParser.Parse(body), context.RequestAborted);
        var stored = created.Stored;
        return Native.Ok(new CreateTokenResponse(stored.Accessor, created.Token, stored.CreationTime, stored.ExpireTime!.Value,
            Core.Durations.Duration.Format(TimeSpan.FromSeconds(stored.TtlSeconds)), stored.Policies, created.Warnings), TokensJson.Native.CreateTokenResponse);
    }

    private static async Task<NativeResult<TokenInfoResponse>> InfoAsync(Principal caller, HttpContext context, TokenManager tokens)
    {
        var body = await RequestBody.ReadAsync(context, TokensJson.Native.TokenBody, () => new TokenBody());
        var token = await tokens.FindAsync(caller, body.Token, null, Base + "/info", context.RequestAborted);
        return Native.Ok(TokenViews.Info(token, tokens.Details(token), tokens.Settings, tokens.Now), TokensJson.Native.TokenInfoResponse);
    }

    private static async Task<NativeResult<TokenInfoResponse>> TokenInfoAsync(Principal caller, HttpContext context, TokenManager tokens)
    {
        var body = await RequestBody.ReadAsync(context, TokensJson.Native.TokenInfoBody, () => new TokenInfoBody());
        if (body.Token is not null && body.Accessor is not null) throw new InvalidException("give either token or accessor, not both");
        var token = await tokens.FindAsync(caller, body.Token, body.Accessor, "/v1/token-info", context.RequestAborted);
        return Native.Ok(TokenViews.Info(token, tokens.Details(token), tokens.Settings, tokens.Now), TokensJson.Native.TokenInfoResponse);
    }

    private static async Task<NativeResult<RefreshResponse>> RefreshAsync(Principal caller, HttpContext context, TokenManager tokens, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Base + "/refresh", Operation.Execute, self: true, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, TokensJson.Native.RefreshBody, () => new RefreshBody());
        var (token, warnings) = await tokens.RefreshAsync(caller, TokenRequestParser.DurationField("increment", body.Increment), context.RequestAborted);
        var expires = token.ExpireTime!.Value;
        return Native.Ok(new RefreshResponse(Authentication.BearerCredential(context.Request)!, token.Accessor, expires,
            (long)TokenViews.Remaining(expires, tokens.Now).TotalSeconds, token.CreationTime, token.RenewalTime!.Value, warnings.Count == 0 ? null : warnings),
            TokensJson.Native.RefreshResponse);
    }

    private static async Task<NativeResult<AccessorList>> ListAccessorsAsync(Principal caller, HttpContext context, TokenManager tokens, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Base + "/list-accessors", Operation.Execute, context.RequestAborted);
        await RequestBody.ReadAsync(context, TokensJson.Native.NoFieldsBody, () => new NoFieldsBody());
        var (limit, after) = Paging.ReadById(context.Request);
        var page = await tokens.ListOfEntityAsync(caller, after, limit, context.RequestAborted);
        return Native.Ok(new AccessorList(page.Items.Select(t => TokenViews.Accessor(t, tokens.Details(t))).ToList(), page.NextAfter(t => t.Accessor)), TokensJson.Native.AccessorList);
    }

    private static async Task<IResult> RevokeAsync(Principal caller, HttpContext context, TokenManager tokens)
    {
        var body = await RequestBody.ReadAsync(context, TokensJson.Native.TokenBody, () => new TokenBody());
        if (string.IsNullOrWhiteSpace(body.Token)) throw new InvalidException("send the token to revoke as {\"token\": \"…\"} (or use revoke-self)");
        try
        {
            var target = await tokens.FindAsync(caller, body.Token, null, Base + "/revoke", context.RequestAborted);
            await tokens.RevokeTreeAsync(target.Accessor, context.RequestAborted);
        }
        catch (NotFoundException)
        {
            // Unknown tokens are "revoked" too: no existence oracle.
        }
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeSelfAsync(Principal caller, HttpContext context, TokenManager tokens, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Base + "/revoke-self", Operation.Execute, context.RequestAborted);
        await RequestBody.ReadAsync(context, TokensJson.Native.NoFieldsBody, () => new NoFieldsBody());
        var own = await tokens.FindAsync(caller, null, null, Base + "/revoke-self", context.RequestAborted);
        await tokens.RevokeTreeAsync(own.Accessor, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeAccessorAsync(Principal caller, HttpContext context, TokenManager tokens)
    {
        var body = await RequestBody.ReadAsync(context, TokensJson.Native.AccessorBody, () => new AccessorBody());
        if (body.Accessor is not { } accessor) throw new InvalidException("send the accessor to revoke as {\"accessor\": \"…\"}");
        var target = await tokens.FindAsync(caller, null, accessor, Base + "/revoke-accessor", context.RequestAborted);
        await tokens.RevokeTreeAsync(target.Accessor, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RevokeOrphanAsync(Principal caller, HttpContext context, TokenManager tokens)
    {
        var body = await RequestBody.ReadAsync(context, TokensJson.Native.TokenBody, () => new TokenBody());
        await tokens.RevokeOrphanAsync(caller, body.Token, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NativeResult<BoundCidrsResponse>> SetBoundCidrsAsync(Principal caller, HttpContext context, TokenManager tokens)
    {
        var body = await RequestBody.ReadAsync(context, TokensJson.Native.SetBoundCidrsBody, () => new SetBoundCidrsBody());
        if (body.BoundCidrs is null) throw new InvalidException("bound-cidrs: give the new list (for example [\"10.0.0.0/8\"])");
        if (body.Token is not null && body.Accessor is not null) throw new InvalidException("give either token or accessor, not both");
        var cidrs = TokenRequestParser.Cidrs(body.BoundCidrs);
        var target = await tokens.FindAsync(caller, body.Token, body.Accessor, Base + "/set-bound-cidrs", context.RequestAborted);
        var updated = await tokens.SetBoundCidrsAsync(caller, target, cidrs, context.RequestAborted);
        return Native.Ok(new BoundCidrsResponse(updated.Accessor, updated.BoundCidrs), TokensJson.Native.BoundCidrsResponse);
    }
}
