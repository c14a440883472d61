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
        var projects = app.MapGroup(OrganizationEndpoints.Collection + "/{org:guid}/projects").AddEndpointFilter<SiteFilter>();
        projects.MapGet("", ListAsync);
        projects.MapPost("", CreateAsync);
        projects.MapGet("/{project:guid}", GetAsync);
        projects.MapMethods("/{project:guid}", ["PUT", "PATCH"], RenameAsync);
        projects.MapDelete("/{project:guid}", DeleteAsync);
    }

    public static string Path(Guid org) => $"{OrganizationEndpoints.Collection}/{org:D}/projects";

    public static string Path(Guid org, Guid project) => $"{Path(org)}/{project:D}";

    /// <summary>The project if it is in this organization (404 otherwise).</summary>
    public static async Task<Project> FindAsync(SecretManager secrets, Guid org, Guid project, CancellationToken cancellationToken) =>
        await secrets.Store.GetProjectAsync(project, cancellationToken) is { } found && found.OrganizationId == org
            ? found
            : throw ApiException.NotFound($"no project {project} in organization {org}");

    public static async Task<ProjectView> ViewAsync(SecretManager secrets, Project p, CancellationToken cancellationToken) =>
        new(p.Id, p.OrganizationId, await secrets.DecryptAsync(p.OrganizationId, p.Name, cancellationToken), p.CreatedAt, p.RevisionDate);

    private static async Task<NativeResult<ProjectList>> ListAsync(Guid org, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org), Operation.Read, context.RequestAborted);
        await secrets.OrganizationAsync(org, context.RequestAborted);
        var (limit, after) = Paging.Read(context.Request);
        var page = await VisibleProjects.ReadAsync(secrets, authorizer, caller, org, after is null ? null : Paging.Guid(after, "after"), limit, context.RequestAborted);
        var views = new List<ProjectView>(page.Projects.Count);
        foreach (var project in page.Projects) views.Add(await ViewAsync(secrets, project, context.RequestAborted));
        return Native.Ok(new ProjectList(views, page.NextAfter), SecretsJson.Default.ProjectList);
    }

    private static async Task<IResult> CreateAsync(Guid org, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer,
        MachineAccounts.MachineAccountManager accounts)
    {
        await authorizer.RequireAsync(caller, Path(org), Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.NameBody, () => new NameBody());
        await secrets.OrganizationAsync(org, context.RequestAborted);
        var project = await secrets.CreateProjectAsync(org, await secrets.EncryptAsync(org, SecretFields.Name(body.Name), context.RequestAborted), context.RequestAborted);
        if (caller.Kind == PrincipalKind.MachineAccount && Guid.TryParse(caller.EntityId, out var machineAccount))
            await accounts.SetGrantAsync(await accounts.GetAsync(org, machineAccount, context.RequestAborted), project.Id, canWrite: true, context.RequestAborted);
        return new NativeResult<ProjectView>(await ViewAsync(secrets, project, context.RequestAborted), SecretsJson.Default.ProjectView, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<ProjectView>> GetAsync(Guid org, Guid project, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, project), Operation.Read, context.RequestAborted);
        return Native.Ok(await ViewAsync(secrets, await FindAsync(secrets, org, project, context.RequestAborted), context.RequestAborted), SecretsJson.Default.ProjectView);
    }

    private static async Task<NativeResult<ProjectView>> RenameAsync(Guid org, Guid project, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, project), Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.NameBody, () => new NameBody());
        var found = await FindAsync(secrets, org, project, context.RequestAborted);
        var name = await secrets.EncryptAsync(org, SecretFields.Name(body.Name), context.RequestAborted);
        var now = secrets.Now;
        await secrets.Store.RenameProjectAsync(project, name, now, context.RequestAborted);
        return Native.Ok(await ViewAsync(secrets, found with { Name = name, RevisionDate = now }, context.RequestAborted), SecretsJson.Default.ProjectView);
    }

    private static async Task<IResult> DeleteAsync(Guid org, Guid project, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, project), Operation.Delete, context.RequestAborted);
        await FindAsync(secrets, org, project, context.RequestAborted);
        await secrets.Store.DeleteProjectsAsync([project], secrets.Now, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
