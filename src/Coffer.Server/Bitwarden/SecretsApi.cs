using System.Globalization;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
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

    private static async Task<IResult> ListByOrganizationAsync(Guid organizationId, Principal principal, HttpContext context, SecretManager secrets, IMachineAccountStore accounts)
    {
        BitwardenAccess.RequireOrganization(principal, organizationId);
        return await ListAsync(principal, null, context, secrets, accounts);
    }

    private static async Task<IResult> ListByProjectAsync(Guid projectId, Principal principal, HttpContext context, SecretManager secrets, IMachineAccountStore accounts, BitwardenAccess access)
    {
        await ProjectsApi.VisibleAsync(projectId, principal, context, secrets, access);
        return await ListAsync(principal, projectId, context, secrets, accounts);
    }

    private static async Task<IResult> ListAsync(Principal principal, Guid? projectId, HttpContext context, SecretManager secrets, IMachineAccountStore accounts)
    {
        var machineAccount = BitwardenAccess.MachineAccountId(principal);
        var grants = (await accounts.GrantsAsync(machineAccount, context.RequestAborted)).ToDictionary(g => g.ProjectId);
        var projects = (await secrets.Store.ProjectsOfMachineAccountAsync(machineAccount, context.RequestAborted)).ToDictionary(p => p.Id);
        var found = await secrets.Store.SecretsOfMachineAccountAsync(machineAccount, projectId, context.RequestAborted);
        var items = found.Select(s => BitwardenViews.ListItem(s, projects, grants[s.ProjectId].CanWrite)).ToList();
        var listed = found.Select(s => s.ProjectId).Distinct().Select(id => new SecretProject(id, projects[id].Name)).ToList();
        return BitwardenResults.Ok(new SecretsWithProjectsList(items, listed), BitwardenJson.Default.SecretsWithProjectsList);
    }

    /// <summary>
    /// The body is validated before anything is looked up (as upstream's model binding does), and a missing
    /// project answers like one the machine account may not write, so neither reveals which projects exist.
    /// </summary>
    private static async Task<IResult> CreateAsync(Guid organizationId, Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        BitwardenAccess.RequireOrganization(principal, organizationId);
        var (body, input) = await ValidBodyAsync(organizationId, context, secrets);
        // A machine account must put a new secret in a project it may write (upstream answers 404 otherwise).
        if (body.ProjectIds is not [var projectId]) throw BitwardenResults.NotFound();
        var project = await secrets.Store.GetProjectAsync(projectId, context.RequestAborted);
        if (project is null || project.OrganizationId != organizationId) throw BitwardenResults.NotFound();
        await access.RequireAsync(principal, BitwardenAccess.SecretsPath(organizationId, projectId), Operation.Create, context.RequestAborted);
        var secret = await secrets.CreateSecretAsync(organizationId, projectId, input, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Secret(secret, project, write: true), BitwardenJson.Default.SecretResponse);
    }

    private static async Task<IResult> GetAsync(Guid id, Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        var (secret, project) = await ReadableAsync(id, principal, context, secrets, access);
        var write = await access.CanAsync(principal, BitwardenAccess.SecretPath(secret), Operation.Update, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Secret(secret, project, write), BitwardenJson.Default.SecretResponse);
    }

    private static async Task<IResult> GetByIdsAsync(Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var ids = (await BitwardenBody.ReadAsync(context, BitwardenJson.Default.IdsRequest)).Ids ?? [];
        if (ids.Count != ids.Distinct().Count()) throw BitwardenResults.Invalid("Ids", "The ids must be unique.");
        if (ids.Count > 1000) throw BitwardenResults.Invalid("Ids", "At most 1000 ids per request.");
        var found = (await secrets.Store.GetSecretsAsync(ids, context.RequestAborted)).ToDictionary(s => s.Id);
        var projects = new Dictionary<Guid, Project>();
        var data = new List<BaseSecretResponse>();
        foreach (var id in ids)
        {
            // Upstream: any id unknown or unreadable makes the whole request 404.
            if (!found.TryGetValue(id, out var secret) || secret.OrganizationId != BitwardenAccess.Organization(principal)) throw BitwardenResults.NotFound();
            await access.RequireAsync(principal, BitwardenAccess.SecretPath(secret), Operation.Read, context.RequestAborted);
            if (!projects.ContainsKey(secret.ProjectId)) projects[secret.ProjectId] = (await secrets.Store.GetProjectAsync(secret.ProjectId, context.RequestAborted))!;
            data.Add(BitwardenViews.BaseSecret(secret, projects));
        }
        return BitwardenResults.Ok(new ListResponse<BaseSecretResponse>(data), BitwardenJson.Default.ListResponseBaseSecretResponse);
    }

    private static async Task<IResult> UpdateAsync(Guid id, Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var (body, input) = await ValidBodyAsync(BitwardenAccess.Organization(principal), context, secrets);
        var (secret, project) = await ReadableAsync(id, principal, context, secrets, access);
        if (body.ProjectIds is { Count: 0 }) throw BitwardenResults.NotFound(); // removing the project is for administrators only
        await access.RequireAsync(principal, BitwardenAccess.SecretPath(secret), Operation.Update, context.RequestAborted);
        var target = project;
        if (body.ProjectIds is [var moveTo] && moveTo != project.Id)
        {
            target = await secrets.Store.GetProjectAsync(moveTo, context.RequestAborted) is { } p && p.OrganizationId == secret.OrganizationId ? p : throw BitwardenResults.NotFound();
            await access.RequireAsync(principal, BitwardenAccess.SecretsPath(target.OrganizationId, target.Id), Operation.Create, context.RequestAborted);
        }
        var updated = await secrets.UpdateSecretAsync(secret, target.Id, input, context.RequestAborted);
        return BitwardenResults.Ok(BitwardenViews.Secret(updated, target, write: true), BitwardenJson.Default.SecretResponse);
    }

    private static async Task<IResult> DeleteAsync(Principal principal, HttpContext context, SecretManager secrets, BitwardenAccess access)
    {
        BitwardenAccess.MachineAccountId(principal);
        var ids = (await BitwardenBody.ReadAsync(context, BitwardenJson.Default.ListGuid)).Distinct().ToList();
        if (ids.Count == 0) throw BitwardenResults.Invalid("ids", "At least one id is required.");
        var found = (await secrets.Store.GetSecretsAsync(ids, context.RequestAborted)).ToDictionary(s => s.Id);
        if (ids.Any(id => !found.TryGetValue(id, out var s) || s.OrganizationId != BitwardenAccess.Organization(principal))) throw BitwardenResults.NotFound();
        var results = new List<BulkDeleteResponse>();
        var deletable = new List<Guid>();
        foreach (var id in ids)
        {
            var allowed = await access.CanAsync(principal, BitwardenAccess.SecretPath(found[id]), Operation.Delete, context.RequestAborted);
            results.Add(new BulkDeleteResponse(id, allowed ? null : "access denied"));
            if (allowed) deletable.Add(id);
        }
        await secrets.Store.DeleteSecretsAsync(deletable, secrets.Now, context.RequestAborted);
        return BitwardenResults.Ok(new ListResponse<BulkDeleteResponse>(results), BitwardenJson.Default.ListResponseBulkDeleteResponse);
    }

    /// <summary>
    /// hasChanges when the machine account's revision date (grants, projects, secrets moved or deleted) or any
    /// of its readable secrets' revision dates is not older than the client's last sync (spec §5.3).
    /// </summary>
    private static async Task<IResult> SyncAsync(Guid organizationId, Principal principal, HttpContext context, SecretManager secrets, IMachineAccountStore accounts)
    {
        var machineAccountId = BitwardenAccess.MachineAccountId(principal);
        BitwardenAccess.RequireOrganization(principal, organizationId);
        DateTimeOffset? lastSynced = null;
        if (context.Request.Query["lastSyncedDate"].ToString() is { Length: > 0 } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                throw BitwardenResults.Invalid("lastSyncedDate", "The value is not a valid date.");
            if (parsed > secrets.Now) throw new Http.ApiException(StatusCodes.Status400BadRequest, "invalid-request", "Last synced date must be in the past.");
            lastSynced = parsed;
        }
        var account = await accounts.GetAsync(machineAccountId, context.RequestAborted) ?? throw BitwardenResults.NotFound();
        if (lastSynced is { } since && since > account.RevisionDate && !await secrets.Store.SecretChangedSinceAsync(machineAccountId, since, context.RequestAborted))
            return BitwardenResults.Ok(new SecretsSyncResponse(false, null), BitwardenJson.Default.SecretsSyncResponse);
        var projects = (await secrets.Store.ProjectsOfMachineAccountAsync(machineAccountId, context.RequestAborted)).ToDictionary(p => p.Id);
        var all = await secrets.Store.SecretsOfMachineAccountAsync(machineAccountId, null, context.RequestAborted);
        return BitwardenResults.Ok(new SecretsSyncResponse(true, new ListResponse<BaseSecretResponse>(all.Select(s => BitwardenViews.BaseSecret(s, projects)).ToList())),
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
    private static async Task<(SecretRequest Body, SecretInput Input)> ValidBodyAsync(Guid organizationId, HttpContext context, SecretManager secrets)
    {
        var body = await BitwardenBody.ReadAsync(context, BitwardenJson.Default.SecretRequest);
        var key = (await secrets.Keys.GetAsync(organizationId, context.RequestAborted)).Key;
        var encryptedKey = BitwardenFields.NotBlank(body.Key, "Key", SecretFields.MaxKeyEncString, key, out var plainKey);
        var encryptedValue = BitwardenFields.Required(body.Value, "Value", SecretFields.MaxValueEncString, key, out var plainValue);
        var encryptedNote = BitwardenFields.Required(body.Note, "Note", SecretFields.MaxNoteEncString, key, out _);
        if (body.ProjectIds is { Count: > 1 }) throw BitwardenResults.Invalid("ProjectIds", "Only one project assignment is supported.");
        return (body, new SecretInput(encryptedKey, encryptedValue, encryptedNote, plainKey, plainValue));
    }
}
