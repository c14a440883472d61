using System.Globalization;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Domain;
using Coffer.Server.MachineAccounts;
using Coffer.Server.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Bitwarden;

/// <summary>The secrets endpoints of the Bitwarden API (spec §5.3), reading and writing EncStrings as clients send them.</summary>
public static class SecretsApi
{
    public static void MapBitwardenSecrets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organizations/{organizationId:guid}/secrets", ListByOrganizationAsync);
        app.MapGet("/api/projects/{projectId:guid}/secrets", ListByProjectAsync);
        app.MapPost("/api/organizations/{organizationId:guid}/secrets", CreateAsync);
        app.MapGet("/api/secrets/{id:guid}", GetAsync);
        app.MapPost("/api/secrets/get-by-ids", GetByIdsAsync);
        app.MapPut("/api/secrets/{id:guid}", UpdateAsync);
        app.MapPost("/api/secrets/delete", DeleteAsync);
        app.MapGet("/api/organizations/{organizationId:guid}/secrets/sync", SyncAsync);
    }

    private static async Task<IResult> ListByOrganizationAsync(Guid organizationId, Principal principal, HttpContext context, ProjectManager projects,
        SecretManager secrets, MachineAccountManager accounts)
    {
        BitwardenAccess.RequireOrganization(principal, organizationId);
        return await ListAsync(principal, null, context, projects, secrets, accounts);
    }

    private static async Task<IResult> ListByProjectAsync(Guid projectId, Principal principal, HttpContext context, ProjectManager projects,
        SecretManager secrets, MachineAccountManager accounts, BitwardenAccess access)
    {
        await ProjectsApi.VisibleAsync(projectId, principal, context, projects, access);
        return await ListAsync(principal, projectId, context, projects, secrets, accounts);
    }

    private static async Task<IResult> ListAsync(Principal principal, Guid? projectId, HttpContext context, ProjectManager projects, SecretManager secrets,
        MachineAccountManager accounts)
    {
        var machineAccount = BitwardenAccess.MachineAccountId(principal);
        var grants = await accounts.GrantsByProjectAsync(machineAccount, context.RequestAborted);
        var granted = (await projects.OfMachineAccountAsync(machineAccount, context.RequestAborted)).ToDictionary(p => p.Id);
        var found = await secrets.OfMachineAccountAsync(machineAccount, projectId, context.RequestAborted);
        var items = found.Select(s => BitwardenViews.ListItem(s, granted, grants[s.ProjectId].CanWrite)).ToList();
        var listed = found.Select(s => s.ProjectId).Distinct().Select(id => new SecretProject(id, granted[id].Name)).ToList();
        return BitwardenResults.Ok(new SecretsWithProjectsList(items, listed), BitwardenJson.Default.SecretsWithProjectsList);
    }

    /// <summary>
    /// The body is validated before anything is looked up (as upstream's model binding does), and a missing
    /// project answers like one the machine account may not write, so neither reveals which projects exist.
    /// </summary>
    private static async Task<IResult> CreateAsync(Guid organizationId, Principal principal, HttpContext context, ProjectManager projects,
        SecretManager secrets, OrganizationKeys keys, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        BitwardenAccess.RequireOrganization(principal, organizationId);
        var (body, input) = await ValidBodyAsync(organizationId, context, keys);
        // A machine account must put a new secret in a project it may write (upstream answers 404 otherwise).
        if (body.ProjectIds is not [var projectId]) throw BitwardenResults.NotFound();
        var project = await projects.GetAsync(projectId, context.RequestAborted);
        if (project is null || project.OrganizationId != organizationId) throw BitwardenResults.NotFound();
        await access.RequireAsync(principal, SecretPaths.Secrets(organizationId, projectId), Operation.Create, context.RequestAborted);
        var secret = await secrets.CreateAsync(organizationId, projectId, input, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Secret(secret, project, write: true), BitwardenJson.Default.SecretResponse);
    }

    private static async Task<IResult> GetAsync(Guid id, Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        var (secret, project) = await ReadableAsync(id, principal, context, secrets, access);
        var write = await access.CanAsync(principal, BitwardenAccess.SecretPath(secret), Operation.Update, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Secret(secret, project, write), BitwardenJson.Default.SecretResponse);
    }

    private static async Task<IResult> GetByIdsAsync(Principal principal, HttpContext context, ProjectManager projects, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var ids = (await BitwardenBody.ReadAsync(context, BitwardenJson.Default.IdsRequest)).Ids ?? [];
        if (ids.Count != ids.Distinct().Count()) throw BitwardenResults.Invalid("Ids", "The ids must be unique.");
        if (ids.Count > 1000) throw BitwardenResults.Invalid("Ids", "At most 1000 ids per request.");
        var found = (await secrets.GetManyAsync(ids, context.RequestAborted)).ToDictionary(s => s.Id);
        var owners = new Dictionary<Guid, Project>();
        var data = new List<BaseSecretResponse>();
        foreach (var id in ids)
        {
            // Upstream: any id unknown or unreadable makes the whole request 404.
            if (!found.TryGetValue(id, out var secret) || secret.OrganizationId != BitwardenAccess.Organization(principal)) throw BitwardenResults.NotFound();
            await access.RequireAsync(principal, BitwardenAccess.SecretPath(secret), Operation.Read, context.RequestAborted);
            if (!owners.ContainsKey(secret.ProjectId)) owners[secret.ProjectId] = (await projects.GetAsync(secret.ProjectId, context.RequestAborted))!;
            data.Add(BitwardenViews.BaseSecret(secret, owners));
        }
        return BitwardenResults.Ok(new ListResponse<BaseSecretResponse>(data), BitwardenJson.Default.ListResponseBaseSecretResponse);
    }

    private static async Task<IResult> UpdateAsync(Guid id, Principal principal, HttpContext context, ProjectManager projects, SecretManager secrets,
        OrganizationKeys keys, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var (body, input) = await ValidBodyAsync(BitwardenAccess.Organization(principal), context, keys);
        var (secret, project) = await ReadableAsync(id, principal, context, secrets, access);
        if (body.ProjectIds is { Count: 0 }) throw BitwardenResults.NotFound(); // removing the project is for administrators only
        await access.RequireAsync(principal, BitwardenAccess.SecretPath(secret), Operation.Update, context.RequestAborted);
        var target = body.ProjectIds is [var moveTo] ? moveTo : project.Id;
        // A move is checked by the manager (the target must be in the organization and writable); a denial answers 404 here.
        var updated = await secrets.UpdateAsync(principal, secret, target, input, context.RequestAborted);
        var owner = target == project.Id ? project : (await projects.GetAsync(target, context.RequestAborted))!;
        return BitwardenResults.Ok(BitwardenViews.Secret(updated, owner, write: true), BitwardenJson.Default.SecretResponse);
    }

    private static async Task<IResult> DeleteAsync(Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var ids = (await BitwardenBody.ReadAsync(context, BitwardenJson.Default.ListGuid)).Distinct().ToList();
        if (ids.Count == 0) throw BitwardenResults.Invalid("ids", "At least one id is required.");
        var found = (await secrets.GetManyAsync(ids, context.RequestAborted)).ToDictionary(s => s.Id);
        if (ids.Any(id => !found.TryGetValue(id, out var s) || s.OrganizationId != BitwardenAccess.Organization(principal))) throw BitwardenResults.NotFound();
        var results = new List<BulkDeleteResponse>();
        var deletable = new List<Guid>();
        foreach (var id in ids)
        {
            var allowed = await access.CanAsync(principal, BitwardenAccess.SecretPath(found[id]), Operation.Delete, context.RequestAborted);
            results.Add(new BulkDeleteResponse(id, allowed ? null : "access denied"));
            if (allowed) deletable.Add(id);
        }
        await secrets.DeleteAsync(deletable, context.RequestAborted);
        return BitwardenResults.Ok(new ListResponse<BulkDeleteResponse>(results), BitwardenJson.Default.ListResponseBulkDeleteResponse);
    }

    /// <summary>Everything the machine account may read, or hasChanges: false when nothing changed since the client's last sync (spec §5.3).</summary>
    private static async Task<IResult> SyncAsync(Guid organizationId, Principal principal, HttpContext context, ProjectManager projects, SecretManager secrets,
        MachineAccountManager accounts, TimeProvider time)
    {
        var machineAccountId = BitwardenAccess.MachineAccountId(principal);
        BitwardenAccess.RequireOrganization(principal, organizationId);
        DateTimeOffset? lastSynced = null;
        if (context.Request.Query["lastSyncedDate"].ToString() is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                throw BitwardenResults.Invalid("lastSyncedDate", "The value is not a valid date.");
            if (parsed > StoredTime.Now(time)) throw new InvalidException("Last synced date must be in the past.");
            lastSynced = parsed;
        }
        if (!await accounts.ChangedSinceAsync(machineAccountId, lastSynced, context.RequestAborted))
            return BitwardenResults.Ok(new SecretsSyncResponse(false, null), BitwardenJson.Default.SecretsSyncResponse);
        var granted = (await projects.OfMachineAccountAsync(machineAccountId, context.RequestAborted)).ToDictionary(p => p.Id);
        var all = await secrets.OfMachineAccountAsync(machineAccountId, null, context.RequestAborted);
        return BitwardenResults.Ok(new SecretsSyncResponse(true, new ListResponse<BaseSecretResponse>(all.Select(s => BitwardenViews.BaseSecret(s, granted)).ToList())),
            BitwardenJson.Default.SecretsSyncResponse);
    }

    private static async Task<(Secret, Project)> ReadableAsync(Guid id, Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        if (await secrets.SecretWithProjectAsync(id, context.RequestAborted) is not var (secret, project)
            || secret.OrganizationId != BitwardenAccess.Organization(principal))
            throw BitwardenResults.NotFound();
        await access.RequireAsync(principal, BitwardenAccess.SecretPath(secret), Operation.Read, context.RequestAborted);
        return (secret, project);
    }

    /// <summary>A secret request body that passes upstream's model validation: EncString fields within §4.5, at most one project.</summary>
    private static async Task<(SecretRequest Body, SecretInput Input)> ValidBodyAsync(Guid organizationId, HttpContext context, OrganizationKeys keys)
    {
        var body = await BitwardenBody.ReadAsync(context, BitwardenJson.Default.SecretRequest);
        var key = (await keys.GetAsync(organizationId, context.RequestAborted)).Key;
        var encryptedKey = BitwardenFields.NotBlank(body.Key, "Key", SecretFields.MaxKeyEncString, key, out var plainKey);
        var encryptedValue = BitwardenFields.Required(body.Value, "Value", SecretFields.MaxValueEncString, key, out var plainValue);
        var encryptedNote = BitwardenFields.Required(body.Note, "Note", SecretFields.MaxNoteEncString, key, out _);
        if (body.ProjectIds is { Count: > 1 }) throw BitwardenResults.Invalid("ProjectIds", "Only one project assignment is supported.");
        return (body, new SecretInput(encryptedKey, encryptedValue, encryptedNote, plainKey, plainValue));
    }
}
