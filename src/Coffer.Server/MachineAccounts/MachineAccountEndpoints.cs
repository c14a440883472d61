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

/// <summary>/v1/config/orgs/{org}/machine-accounts[/{ma}] and their grants …/{ma}/grants[/{project}].</summary>
public static class MachineAccountEndpoints
{
    public static void MapMachineAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup(SecretPaths.Organizations + "/{org:guid}/machine-accounts").AddEndpointFilter<SiteFilter>();
        accounts.MapGet("", ListAsync);
        accounts.MapPost("", CreateAsync);
        accounts.MapGet("/{ma:guid}", GetAsync);
        accounts.MapMethods("/{ma:guid}", ["PUT", "PATCH"], RenameAsync);
        accounts.MapDelete("/{ma:guid}", DeleteAsync);
        accounts.MapGet("/{ma:guid}/grants", ListGrantsAsync);
        accounts.MapPut("/{ma:guid}/grants/{project:guid}", SetGrantAsync);
        accounts.MapDelete("/{ma:guid}/grants/{project:guid}", RemoveGrantAsync);
    }

    internal static string Path(Guid org) => $"{SecretPaths.Organization(org)}/machine-accounts";

    internal static string Path(Guid org, Guid ma) => $"{Path(org)}/{ma:D}";

    private static async Task<MachineAccountView> ViewAsync(OrganizationKeys keys, MachineAccount a, CancellationToken cancellationToken) =>
        new(a.Id, a.OrganizationId, await keys.DecryptAsync(a.OrganizationId, a.Name, cancellationToken), a.CreatedAt, a.RevisionDate);

    private static async Task<NativeResult<MachineAccountList>> ListAsync(Guid org, Principal caller, HttpContext context, OrganizationManager organizations,
        MachineAccountManager accounts, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org), Operation.Read, context.RequestAborted);
        await organizations.GetAsync(org, context.RequestAborted);
        var (limit, after) = Paging.ReadById(context.Request);
        var page = await accounts.ListAsync(org, after, limit, context.RequestAborted);
        var views = new List<MachineAccountView>(page.Items.Count);
        foreach (var account in page.Items) views.Add(await ViewAsync(keys, account, context.RequestAborted));
        return Native.Ok(new MachineAccountList(views, page.NextAfter(a => a.Id)), MachineAccountsJson.Native.MachineAccountList);
    }

    private static async Task<IResult> CreateAsync(Guid org, Principal caller, HttpContext context, OrganizationManager organizations,
        MachineAccountManager accounts, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org), Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.NameBody, () => new NameBody());
        await organizations.GetAsync(org, context.RequestAborted);
        var account = await accounts.CreateAsync(org, body.Name ?? "", context.RequestAborted);
        return new NativeResult<MachineAccountView>(await ViewAsync(keys, account, context.RequestAborted), MachineAccountsJson.Native.MachineAccountView, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<MachineAccountView>> GetAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts,
        OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Read, context.RequestAborted);
        return Native.Ok(await ViewAsync(keys, await accounts.GetAsync(org, ma, context.RequestAborted), context.RequestAborted), MachineAccountsJson.Native.MachineAccountView);
    }

    private static async Task<NativeResult<MachineAccountView>> RenameAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts,
        OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.NameBody, () => new NameBody());
        var account = await accounts.GetAsync(org, ma, context.RequestAborted);
        return Native.Ok(await ViewAsync(keys, await accounts.RenameAsync(account, body.Name, context.RequestAborted), context.RequestAborted),
            MachineAccountsJson.Native.MachineAccountView);
    }

    private static async Task<IResult> DeleteAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Delete, context.RequestAborted);
        await accounts.DeleteAsync(await accounts.GetAsync(org, ma, context.RequestAborted), context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NativeResult<GrantList>> ListGrantsAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma) + "/grants", Operation.Read, context.RequestAborted);
        var account = await accounts.GetAsync(org, ma, context.RequestAborted);
        var (limit, after) = Paging.ReadById(context.Request);
        var page = await accounts.ListGrantsAsync(account, after, limit, context.RequestAborted);
        return Native.Ok(new GrantList(page.Items.Select(View).ToList(), page.NextAfter(g => g.ProjectId)), MachineAccountsJson.Native.GrantList);
    }

    private static async Task<NativeResult<GrantView>> SetGrantAsync(Guid org, Guid ma, Guid project, Principal caller, HttpContext context,
        MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, ma)}/grants/{project:D}", Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, MachineAccountsJson.Native.GrantBody, () => new GrantBody());
        var canWrite = body.Access switch
        {
            "read" => false,
            "read-write" => true,
            _ => throw new InvalidException("access: give read or read-write", "access"),
        };
        await accounts.SetGrantAsync(await accounts.GetAsync(org, ma, context.RequestAborted), project, canWrite, context.RequestAborted);
        return Native.Ok(View(new Grant(ma, project, canWrite)), MachineAccountsJson.Native.GrantView);
    }

    private static async Task<IResult> RemoveGrantAsync(Guid org, Guid ma, Guid project, Principal caller, HttpContext context, MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, ma)}/grants/{project:D}", Operation.Delete, context.RequestAborted);
        await accounts.RemoveGrantAsync(await accounts.GetAsync(org, ma, context.RequestAborted), project, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static GrantView View(Grant grant) => new(grant.ProjectId, grant.CanWrite ? "read-write" : "read");
}
