using Coffer.Core.Policies;
using Coffer.Server.Auth;
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
        var accounts = app.MapGroup(OrganizationEndpoints.Collection + "/{org:guid}/machine-accounts").AddEndpointFilter<SiteFilter>();
        accounts.MapGet("", ListAsync);
        accounts.MapPost("", CreateAsync);
        accounts.MapGet("/{ma:guid}", GetAsync);
        accounts.MapMethods("/{ma:guid}", ["PUT", "PATCH"], RenameAsync);
        accounts.MapDelete("/{ma:guid}", DeleteAsync);
        accounts.MapGet("/{ma:guid}/grants", ListGrantsAsync);
        accounts.MapPut("/{ma:guid}/grants/{project:guid}", SetGrantAsync);
        accounts.MapDelete("/{ma:guid}/grants/{project:guid}", RemoveGrantAsync);
    }

    public static string Path(Guid org) => $"{OrganizationEndpoints.Collection}/{org:D}/machine-accounts";

    public static string Path(Guid org, Guid ma) => $"{Path(org)}/{ma:D}";

    public static async Task<MachineAccountView> ViewAsync(SecretManager secrets, MachineAccount a, CancellationToken cancellationToken) =>
        new(a.Id, a.OrganizationId, await secrets.DecryptAsync(a.OrganizationId, a.Name, cancellationToken), a.CreatedAt, a.RevisionDate);

    private static async Task<NativeResult<MachineAccountList>> ListAsync(Guid org, Principal caller, HttpContext context, MachineAccountManager accounts,
        SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org), Operation.Read, context.RequestAborted);
        await secrets.OrganizationAsync(org, context.RequestAborted);
        var (limit, after) = Paging.Read(context.Request);
        var page = await accounts.Store.ListAsync(org, after is null ? null : Paging.Guid(after, "after"), limit + 1, context.RequestAborted);
        var views = new List<MachineAccountView>();
        foreach (var account in page.Take(limit)) views.Add(await ViewAsync(secrets, account, context.RequestAborted));
        return Native.Ok(new MachineAccountList(views, page.Count > limit ? page[limit - 1].Id : null), MachineAccountsJson.Default.MachineAccountList);
    }

    private static async Task<IResult> CreateAsync(Guid org, Principal caller, HttpContext context, MachineAccountManager accounts, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org), Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.NameBody, () => new NameBody());
        await secrets.OrganizationAsync(org, context.RequestAborted);
        var account = await accounts.CreateAsync(org, body.Name ?? "", context.RequestAborted);
        return new NativeResult<MachineAccountView>(await ViewAsync(secrets, account, context.RequestAborted), MachineAccountsJson.Default.MachineAccountView, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<MachineAccountView>> GetAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts,
        SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Read, context.RequestAborted);
        return Native.Ok(await ViewAsync(secrets, await accounts.GetAsync(org, ma, context.RequestAborted), context.RequestAborted), MachineAccountsJson.Default.MachineAccountView);
    }

    private static async Task<NativeResult<MachineAccountView>> RenameAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts,
        SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.NameBody, () => new NameBody());
        var account = await accounts.GetAsync(org, ma, context.RequestAborted);
        var name = await secrets.EncryptAsync(org, SecretFields.Name(body.Name), context.RequestAborted);
        var now = secrets.Now;
        await accounts.Store.RenameAsync(ma, name, now, context.RequestAborted);
        return Native.Ok(await ViewAsync(secrets, account with { Name = name, RevisionDate = now }, context.RequestAborted), MachineAccountsJson.Default.MachineAccountView);
    }

    private static async Task<IResult> DeleteAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma), Operation.Delete, context.RequestAborted);
        await accounts.GetAsync(org, ma, context.RequestAborted);
        await accounts.Store.DeleteAsync(ma, context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<NativeResult<GrantList>> ListGrantsAsync(Guid org, Guid ma, Principal caller, HttpContext context, MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, ma) + "/grants", Operation.Read, context.RequestAborted);
        await accounts.GetAsync(org, ma, context.RequestAborted);
        var (limit, after) = Paging.Read(context.Request);
        var page = await accounts.Store.ListGrantsAsync(ma, after is null ? null : Paging.Guid(after, "after"), limit + 1, context.RequestAborted);
        return Native.Ok(new GrantList(page.Take(limit).Select(View).ToList(), page.Count > limit ? page[limit - 1].ProjectId : null), MachineAccountsJson.Default.GrantList);
    }

    private static async Task<NativeResult<GrantView>> SetGrantAsync(Guid org, Guid ma, Guid project, Principal caller, HttpContext context,
        MachineAccountManager accounts, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, ma)}/grants/{project:D}", Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, MachineAccountsJson.Default.GrantBody, () => new GrantBody());
        var canWrite = body.Access switch
        {
            "read" => false,
            "read-write" => true,
            _ => throw ApiException.BadRequest("access: give read or read-write"),
        };
        await accounts.SetGrantAsync(await accounts.GetAsync(org, ma, context.RequestAborted), project, canWrite, context.RequestAborted);
        return Native.Ok(View(new Grant(ma, project, canWrite)), MachineAccountsJson.Default.GrantView);
    }

    private static async Task<IResult> RemoveGrantAsync(Guid org, Guid ma, Guid project, Principal caller, HttpContext context, MachineAccountManager accounts,
        SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, ma)}/grants/{project:D}", Operation.Delete, context.RequestAborted);
        await accounts.GetAsync(org, ma, context.RequestAborted);
        return await accounts.Store.RemoveGrantAsync(ma, project, secrets.Now, context.RequestAborted)
            ? TypedResults.NoContent()
            : throw ApiException.NotFound($"machine account {ma} has no grant on project {project}");
    }

    private static GrantView View(Grant grant) => new(grant.ProjectId, grant.CanWrite ? "read-write" : "read");
}
