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

    private static async Task<IResult> ListAsync(Guid organizationId, Principal principal, HttpContext context, SecretManager secrets, IMachineAccountStore accounts)
    {
        var machineAccount = BitwardenAccess.MachineAccountId(principal);
        BitwardenAccess.RequireOrganization(principal, organizationId);
        var grants = (await accounts.GrantsAsync(machineAccount, context.RequestAborted)).ToDictionary(g => g.ProjectId);
        var projects = await secrets.Store.ProjectsOfMachineAccountAsync(machineAccount, context.RequestAborted);
        return BitwardenResults.Ok(new ListResponse<ProjectResponse>(projects.Select(p => BitwardenViews.Project(p, grants[p.Id].CanWrite)).ToList()),
            BitwardenJson.Default.ListResponseProjectResponse);
    }

    private static async Task<IResult> CreateAsync(Guid organizationId, Principal principal, HttpContext context, SecretManager secrets,
        MachineAccountManager accounts, BitwardenAccess access)
    {
        var machineAccount = BitwardenAccess.MachineAccountId(principal);
        BitwardenAccess.RequireOrganization(principal, organizationId);
        var name = await ValidNameAsync(organizationId, context, secrets);
        await access.RequireAsync(principal, $"/v1/config/orgs/{organizationId:D}/projects", Operation.Create, context.RequestAborted);
        var project = await secrets.CreateProjectAsync(organizationId, name, context.RequestAborted);
        // As upstream: the machine account that creates a project may read and write it.
        await accounts.SetGrantAsync(await accounts.GetAsync(organizationId, machineAccount, context.RequestAborted), project.Id, canWrite: true, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Project(project, write: true), BitwardenJson.Default.ProjectResponse);
    }

    private static async Task<IResult> GetAsync(Guid id, Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        var project = await VisibleAsync(id, principal, context, secrets, access);
        var write = await access.CanAsync(principal, BitwardenAccess.ProjectPath(project), Operation.Update, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Project(project, write), BitwardenJson.Default.ProjectResponse);
    }

    private static async Task<IResult> UpdateAsync(Guid id, Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        // Validated first, as upstream does: an invalid body is a 400 whether or not the project is visible.
        var name = await ValidNameAsync(BitwardenAccess.Organization(principal), context, secrets);
        var project = await VisibleAsync(id, principal, context, secrets, access);
        await access.RequireAsync(principal, BitwardenAccess.ProjectPath(project), Operation.Update, context.RequestAborted);
        var now = secrets.Now;
        await secrets.Store.RenameProjectAsync(project.Id, name, now, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Project(project with { Name = name, RevisionDate = now }, write: true), BitwardenJson.Default.ProjectResponse);
    }

    private static async Task<IResult> DeleteAsync(Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var ids = await BitwardenBody.ReadAsync(context, BitwardenJson.Default.ListGuid);
        if (ids.Count == 0) throw BitwardenResults.Invalid("ids", "At least one id is required.");
        var projects = new List<Project>();
        foreach (var id in ids.Distinct())
            projects.Add(await secrets.Store.GetProjectAsync(id, context.RequestAborted) is { } p && p.OrganizationId == BitwardenAccess.Organization(principal)
                ? p : throw BitwardenResults.NotFound());
        var results = new List<BulkDeleteResponse>();
        var deletable = new List<Guid>();
        foreach (var project in projects)
        {
            var allowed = await access.CanAsync(principal, BitwardenAccess.ProjectPath(project), Operation.Delete, context.RequestAborted);
            results.Add(new BulkDeleteResponse(project.Id, allowed ? null : "access denied"));
            if (allowed) deletable.Add(project.Id);
        }
        await secrets.Store.DeleteProjectsAsync(deletable, secrets.Now, context.RequestAborted);
        return BitwardenResults.Ok(new ListResponse<BulkDeleteResponse>(results), BitwardenJson.Default.ListResponseBulkDeleteResponse);
    }

    /// <summary>The project, if it exists in the caller's organization and the caller may read it; else 404.</summary>
    internal static async Task<Project> VisibleAsync(Guid id, Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var project = await secrets.Store.GetProjectAsync(id, context.RequestAborted);
        if (project is null || project.OrganizationId != BitwardenAccess.Organization(principal)) throw BitwardenResults.NotFound();
        await access.RequireAsync(principal, BitwardenAccess.ProjectPath(project), Operation.Read, context.RequestAborted);
        return project;
    }

    private static async Task<string> ValidNameAsync(Guid organizationId, HttpContext context, SecretManager secrets)
    {
        var body = await BitwardenBody.ReadAsync(context, BitwardenJson.Default.ProjectRequest);
        return BitwardenFields.ProjectName(body.Name, (await secrets.Keys.GetAsync(organizationId, context.RequestAborted)).Key);
    }
}
