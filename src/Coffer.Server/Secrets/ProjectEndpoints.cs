using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Coffer.Server.Policies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Secrets;

/// <summary>/v1/config/orgs/{org}/projects[/{project}]: plaintext names in and out; stored as EncStrings.</summary>
public static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup(SecretPaths.Organizations + "/{org:guid}/projects").AddEndpointFilter<SiteFilter>();
        projects.MapGet("", ListAsync);
        projects.MapPost("", CreateAsync);
        projects.MapGet("/{project:guid}", GetAsync);
        projects.MapMethods("/{project:guid}", ["PUT", "PATCH"], RenameAsync);
        projects.MapDelete("/{project:guid}", DeleteAsync);
    }

    private static async Task<ProjectView> ViewAsync(OrganizationKeys keys, Project p, CancellationToken cancellationToken) =>
        new(p.Id, p.OrganizationId, await keys.DecryptAsync(p.OrganizationId, p.Name, cancellationToken), p.CreatedAt, p.RevisionDate);

    private static async Task<NativeResult<ProjectList>> ListAsync(Guid org, Principal caller, HttpContext context, OrganizationManager organizations,
        ProjectManager projects, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Projects(org), Operation.Read, context.RequestAborted);
        await organizations.GetAsync(org, context.RequestAborted);
        var (limit, after) = Paging.ReadById(context.Request);
        var (page, next) = await projects.ListVisibleAsync(caller, org, after, limit, context.RequestAborted);
        var views = new List<ProjectView>(page.Count);
        foreach (var project in page) views.Add(await ViewAsync(keys, project, context.RequestAborted));
        return Native.Ok(new ProjectList(views, next), SecretsJson.Native.ProjectList);
    }

    private static async Task<IResult> CreateAsync(Guid org, Principal caller, HttpContext context, OrganizationManager organizations,
        ProjectManager projects, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Projects(org), Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.NameBody, () => new NameBody());
        await organizations.GetAsync(org, context.RequestAborted);
        var name = await keys.EncryptAsync(org, SecretFields.Name(body.Name), context.RequestAborted);
        var project = await projects.CreateAsync(org, name, caller, context.RequestAborted);
        return new NativeResult<ProjectView>(await ViewAsync(keys, project, context.RequestAborted), SecretsJson.Native.ProjectView, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<ProjectView>> GetAsync(Guid org, Guid project, Principal caller, HttpContext context, ProjectManager projects,
        OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Project(org, project), Operation.Read, context.RequestAborted);
        return Native.Ok(await ViewAsync(keys, await projects.FindAsync(org, project, context.RequestAborted), context.RequestAborted), SecretsJson.Native.ProjectView);
    }

    private static async Task<NativeResult<ProjectView>> RenameAsync(Guid org, Guid project, Principal caller, HttpContext context, ProjectManager projects,
        OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Project(org, project), Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.NameBody, () => new NameBody());
        var found = await projects.FindAsync(org, project, context.RequestAborted);
        var renamed = await projects.RenameAsync(found, await keys.EncryptAsync(org, SecretFields.Name(body.Name), context.RequestAborted), context.RequestAborted);
        return Native.Ok(await ViewAsync(keys, renamed, context.RequestAborted), SecretsJson.Native.ProjectView);
    }

    private static async Task<IResult> DeleteAsync(Guid org, Guid project, Principal caller, HttpContext context, ProjectManager projects, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Project(org, project), Operation.Delete, context.RequestAborted);
        await projects.FindAsync(org, project, context.RequestAborted);
        await projects.DeleteAsync([project], context.RequestAborted);
        return TypedResults.NoContent();
    }
}
