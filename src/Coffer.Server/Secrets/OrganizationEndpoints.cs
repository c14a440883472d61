using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Coffer.Server.Policies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Secrets;

/// <summary>/v1/config/orgs[/{org}]: organizations, each with its own organization key.</summary>
public static class OrganizationEndpoints
{
    private const string Collection = SecretPaths.Organizations;

    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var orgs = app.MapGroup(Collection).AddEndpointFilter<SiteFilter>();
        orgs.MapGet("", ListAsync);
        orgs.MapPost("", CreateAsync);
        orgs.MapGet("/{org:guid}", GetAsync);
        orgs.MapMethods("/{org:guid}", ["PUT", "PATCH"], RenameAsync);
        orgs.MapDelete("/{org:guid}", DeleteAsync);
    }

    private static OrganizationView View(Organization o) => new(o.Id, o.Name, o.CreatedAt, o.RevisionDate);

    private static async Task<NativeResult<OrganizationList>> ListAsync(Principal caller, HttpContext context, OrganizationManager organizations, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Collection, Operation.Read, context.RequestAborted);
        var (limit, after) = Paging.ReadById(context.Request);
        var page = await organizations.ListAsync(after, limit, context.RequestAborted);
        return Native.Ok(new OrganizationList(page.Items.Select(View).ToList(), page.NextAfter(o => o.Id)), SecretsJson.Native.OrganizationList);
    }

    private static async Task<IResult> CreateAsync(Principal caller, HttpContext context, OrganizationManager organizations, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Collection, Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.NameBody, () => new NameBody());
        var organization = await organizations.CreateAsync(body.Name ?? "", context.RequestAborted);
        return new NativeResult<OrganizationView>(View(organization), SecretsJson.Native.OrganizationView, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<OrganizationView>> GetAsync(Guid org, Principal caller, HttpContext context, OrganizationManager organizations, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Organization(org), Operation.Read, context.RequestAborted);
        return Native.Ok(View(await organizations.GetAsync(org, context.RequestAborted)), SecretsJson.Native.OrganizationView);
    }

    private static async Task<NativeResult<OrganizationView>> RenameAsync(Guid org, Principal caller, HttpContext context, OrganizationManager organizations, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Organization(org), Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.NameBody, () => new NameBody());
        return Native.Ok(View(await organizations.RenameAsync(org, body.Name, context.RequestAborted)), SecretsJson.Native.OrganizationView);
    }

    private static async Task<IResult> DeleteAsync(Guid org, Principal caller, HttpContext context, OrganizationManager organizations, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Organization(org), Operation.Delete, context.RequestAborted);
        await organizations.DeleteAsync(org, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
