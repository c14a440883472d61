using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.MachineAccounts;
using Coffer.Server.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Bitwarden;

/// <summary>/api/organizations/{org}/projects, /api/projects/{id}, /api/projects/delete (spec §5.2).</summary>
public static class ProjectsApi
{
    public static void MapBitwardenProjects(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organizations/{organizationId:guid}/projects", ListAsync);
        app.MapPost("/api/organizations/{organizationId:guid}/projects", CreateAsync);
        app.MapGet("/api/projects/{id:guid}", GetAsync);
        app.MapPut("/api/projects/{id:guid}", UpdateAsync);
        app.MapPost("/api/projects/delete", DeleteAsync);
    }

    private static async Task<IResult> ListAsync(Guid organizationId, Principal principal, HttpContext context, ProjectManager projects, MachineAccountManager accounts)
    {
        var machineAccount = BitwardenAccess.MachineAccountId(principal);
        BitwardenAccess.RequireOrganization(principal, organizationId);
        var grants = await accounts.GrantsByProjectAsync(machineAccount, context.RequestAborted);
        var granted = await projects.OfMachineAccountAsync(machineAccount, context.RequestAborted);
        return BitwardenResults.Ok(new ListResponse<ProjectResponse>(granted.Select(p => BitwardenViews.Project(p, grants[p.Id].CanWrite)).ToList()),
            BitwardenJson.Default.ListResponseProjectResponse);
    }

    /// <summary>As upstream: the machine account that creates a project may read and write it (granted in the same write).</summary>
    private static async Task<IResult> CreateAsync(Guid organizationId, Principal principal, HttpContext context, ProjectManager projects,
        OrganizationKeys keys, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        BitwardenAccess.RequireOrganization(principal, organizationId);
        var name = await ValidNameAsync(organizationId, context, keys);
        await access.RequireAsync(principal, SecretPaths.Projects(organizationId), Operation.Create, context.RequestAborted);
        var project = await projects.CreateAsync(organizationId, name, principal, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Project(project, write: true), BitwardenJson.Default.ProjectResponse);
    }

    private static async Task<IResult> GetAsync(Guid id, Principal principal, HttpContext context, ProjectManager projects, BitwardenAccess access)
    {
        var project = await VisibleAsync(id, principal, context, projects, access);
        var write = await access.CanAsync(principal, BitwardenAccess.ProjectPath(project), Operation.Update, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Project(project, write), BitwardenJson.Default.ProjectResponse);
    }

    private static async Task<IResult> UpdateAsync(Guid id, Principal principal, HttpContext context, ProjectManager projects, OrganizationKeys keys, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        // Validated first, as upstream does: an invalid body is a 400 whether or not the project is visible.
        var name = await ValidNameAsync(BitwardenAccess.Organization(principal), context, keys);
        var project = await VisibleAsync(id, principal, context, projects, access);
        await access.RequireAsync(principal, BitwardenAccess.ProjectPath(project), Operation.Update, context.RequestAborted);
        var renamed = await projects.RenameAsync(project, name, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Project(renamed, write: true), BitwardenJson.Default.ProjectResponse);
    }

    private static async Task<IResult> DeleteAsync(Principal principal, HttpContext context, ProjectManager projects, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var ids = await BitwardenBody.ReadAsync(context, BitwardenJson.Default.ListGuid);
        if (ids.Count == 0) throw BitwardenResults.Invalid("ids", "At least one id is required.");
        var found = new List<Project>();
        foreach (var id in ids.Distinct())
            found.Add(await projects.GetAsync(id, context.RequestAborted) is { } p && p.OrganizationId == BitwardenAccess.Organization(principal)
                ? p : throw BitwardenResults.NotFound());
        var results = new List<BulkDeleteResponse>();
        var deletable = new List<Guid>();
        foreach (var project in found)
        {
            var allowed = await access.CanAsync(principal, BitwardenAccess.ProjectPath(project), Operation.Delete, context.RequestAborted);
            results.Add(new BulkDeleteResponse(project.Id, allowed ? null : "access denied"));
            if (allowed) deletable.Add(project.Id);
        }
        await projects.DeleteAsync(deletable, context.RequestAborted);
        return BitwardenResults.Ok(new ListResponse<BulkDeleteResponse>(results), BitwardenJson.Default.ListResponseBulkDeleteResponse);
    }

    /// <summary>The project, if it exists in the caller's organization and the caller may read it; else 404.</summary>
    internal static async Task<Project> VisibleAsync(Guid id, Principal principal, HttpContext context, ProjectManager projects, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var project = await projects.GetAsync(id, context.RequestAborted);
        if (project is null || project.OrganizationId != BitwardenAccess.Organization(principal)) throw BitwardenResults.NotFound();
        await access.RequireAsync(principal, BitwardenAccess.ProjectPath(project), Operation.Read, context.RequestAborted);
        return project;
    }

    private static async Task<string> ValidNameAsync(Guid organizationId, HttpContext context, OrganizationKeys keys)
    {
        var body = await BitwardenBody.ReadAsync(context, BitwardenJson.Default.ProjectRequest);
        return BitwardenFields.ProjectName(body.Name, (await keys.GetAsync(organizationId, context.RequestAborted)).Key);
    }
}
