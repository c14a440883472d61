using Coffer.Server.Domain;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Coffer.Server.Policies;
using Coffer.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Users;

/// <summary>/v1/config/users[/name] and POST /v1/login.</summary>
public static class UserEndpoints
{
    public const string Collection = "/v1/config/users";

    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup(Collection).AddEndpointFilter<SiteFilter>();
        users.MapGet("", ListAsync);
        users.MapGet("/{name}", ReadAsync);
        users.MapPut("/{name}", (string name, Principal caller, HttpContext context, UserManager manager, Authorizer authorizer) => WriteAsync(name, caller, context, manager, authorizer, patch: false));
        users.MapPatch("/{name}", (string name, Principal caller, HttpContext context, UserManager manager, Authorizer authorizer) => WriteAsync(name, caller, context, manager, authorizer, patch: true));
        users.MapDelete("/{name}", DeleteAsync);
        app.MapPost("/v1/login", LoginAsync).AddEndpointFilter<SiteFilter>();
    }

    private static async Task<NativeResult<UserList>> ListAsync(Principal caller, HttpContext context, UserManager manager, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Collection, Operation.Read, context.RequestAborted);
        var (limit, after) = Paging.Read(context.Request);
        var page = await manager.ListAsync(after, limit, context.RequestAborted);
        return Native.Ok(new UserList(page.Items, page.NextAfterName(n => n)), UsersJson.Native.UserList);
    }

    private static async Task<NativeResult<UserView>> ReadAsync(string name, Principal caller, HttpContext context, UserManager manager, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{name}", Operation.Read, context.RequestAborted);
        return Native.Ok(UserManager.View(await manager.GetAsync(name, context.RequestAborted)), UsersJson.Native.UserView);
    }

    private static async Task<NativeResult<UserView>> WriteAsync(string name, Principal caller, HttpContext context, UserManager manager, Authorizer authorizer, bool patch)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{name}", Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, UsersJson.Native.UserBody, () => new UserBody());
        var change = new UserChange(body.Password, body.Policies,
            TokenRequestParser.DurationField("token-ttl", body.TokenTtl), TokenRequestParser.DurationField("token-max-ttl", body.TokenMaxTtl),
            body.TokenBoundCidrs is null ? null : TokenRequestParser.Cidrs(body.TokenBoundCidrs, "token-bound-cidrs"));
        return Native.Ok(UserManager.View(await manager.PutAsync(caller, name, change, patch, context.RequestAborted)), UsersJson.Native.UserView);
    }

    private static async Task<IResult> DeleteAsync(string name, Principal caller, HttpContext context, UserManager manager, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{name}", Operation.Delete, context.RequestAborted);
        await manager.DeleteAsync(name, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NativeResult<LoginResponse>> LoginAsync(HttpContext context, UserManager manager)
    {
        var body = await RequestBody.ReadAsync(context, UsersJson.Native.LoginBody, () => new LoginBody());
        if (string.IsNullOrEmpty(body.Username) || body.Password is null)
            throw new InvalidException("send {\"username\": \"…\", \"password\": \"…\"}");
        var ip = context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";
        var created = await manager.LoginAsync(body.Username, body.Password, ip, context.RequestAborted);
        var token = created.Stored;
        return Native.Ok(new LoginResponse(created.Token, token.Accessor, token.ExpireTime!.Value, token.CreationTime, token.RenewalTime ?? token.CreationTime, token.Policies,
            "userpass-" + body.Username), UsersJson.Native.LoginResponse);
    }
}
