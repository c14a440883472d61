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
    public const string Collection = "/v1/config/orgs";

    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var orgs = app.MapGroup(Collection).AddEndpointFilter<SiteFilter>();
        orgs.MapGet("", ListAsync);
        orgs.MapPost("", CreateAsync);
        orgs.MapGet("/{org:guid}", GetAsync);
        orgs.MapMethods("/{org:guid}", ["PUT", "PATCH"], RenameAsync);
        orgs.MapDelete("/{org:guid}", DeleteAsync);
    }

    public static OrganizationView View(Organization o) => new(o.Id, o.Name, o.CreatedAt, o.RevisionDate);

    private static async Task<NativeResult<OrganizationList>> ListAsync(Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Collection, Operation.Read, context.RequestAborted);
        var (limit, after) = Paging.Read(context.Request);
        var page = await secrets.Store.ListOrganizationsAsync(after is null ? null : Paging.Guid(after, "after"), limit + 1, context.RequestAborted);
        return Native.Ok(new OrganizationList(page.Take(limit).Select(View).ToList(), page.Count > limit ? page[limit - 1].Id : null), SecretsJson.Default.OrganizationList);
    }

    private static async Task<IResult> CreateAsync(Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Collection, Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.NameBody, () => new NameBody());
        var organization = await secrets.CreateOrganizationAsync(body.Name ?? "", context.RequestAborted);
        return new NativeResult<OrganizationView>(View(organization), SecretsJson.Default.OrganizationView, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<OrganizationView>> GetAsync(Guid org, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{org:D}", Operation.Read, context.RequestAborted);
        return Native.Ok(View(await secrets.OrganizationAsync(org, context.RequestAborted)), SecretsJson.Default.OrganizationView);
    }

    private static async Task<NativeResult<OrganizationView>> RenameAsync(Guid org, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{org:D}", Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.NameBody, () => new NameBody());
        var name = SecretFields.Name(body.Name);
        if (!await secrets.Store.RenameOrganizationAsync(org, name, secrets.Now, context.RequestAborted)) throw ApiException.NotFound($"no organization {org}");
        return Native.Ok(View(await secrets.OrganizationAsync(org, context.RequestAborted)), SecretsJson.Default.OrganizationView);
    }

    private static async Task<IResult> DeleteAsync(Guid org, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{org:D}", Operation.Delete, context.RequestAborted);
        return await secrets.Store.DeleteOrganizationAsync(org, context.RequestAborted) ? TypedResults.NoContent() : throw ApiException.NotFound($"no organization {org}");
    }
}
