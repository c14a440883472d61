using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Coffer.Server.Policies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Secrets;

/// <summary>
/// /v1/config/orgs/{org}/projects/{project}/secrets[/{secret}] with plaintext in and out (the server encrypts
/// under the organization key); lists give keys without values; ?key=NAME finds secrets by name.
/// </summary>
public static class SecretEndpoints
{
    public static void MapSecretEndpoints(this IEndpointRouteBuilder app)
    {
        var secrets = app.MapGroup(OrganizationEndpoints.Collection + "/{org:guid}/projects/{project:guid}/secrets").AddEndpointFilter<SiteFilter>();
        secrets.MapGet("", ListAsync);
        secrets.MapPost("", CreateAsync);
        secrets.MapGet("/{secret:guid}", GetAsync);
        secrets.MapPut("/{secret:guid}", (Guid org, Guid project, Guid secret, Principal caller, HttpContext context, SecretManager manager, Authorizer authorizer) =>
            UpdateAsync(org, project, secret, caller, context, manager, authorizer, patch: false));
        secrets.MapPatch("/{secret:guid}", (Guid org, Guid project, Guid secret, Principal caller, HttpContext context, SecretManager manager, Authorizer authorizer) =>
            UpdateAsync(org, project, secret, caller, context, manager, authorizer, patch: true));
        secrets.MapDelete("/{secret:guid}", DeleteAsync);
    }

    public static string Path(Guid org, Guid project) => ProjectEndpoints.Path(org, project) + "/secrets";

    public static async Task<Secret> FindAsync(SecretManager secrets, Guid org, Guid project, Guid secret, CancellationToken cancellationToken) =>
        await secrets.Store.GetSecretAsync(secret, cancellationToken) is { } found && found.OrganizationId == org && found.ProjectId == project
            ? found
            : throw ApiException.NotFound($"no secret {secret} in project {project}");

    public static async Task<SecretView> ViewAsync(SecretManager secrets, Secret s, bool withValue, CancellationToken cancellationToken) =>
        new(s.Id, s.OrganizationId, s.ProjectId, await secrets.DecryptAsync(s.OrganizationId, s.Key, cancellationToken),
            withValue ? await secrets.DecryptAsync(s.OrganizationId, s.Value, cancellationToken) : null,
            withValue ? await secrets.DecryptAsync(s.OrganizationId, s.Note, cancellationToken) : null, s.Version, s.CreatedAt, s.RevisionDate);

    private static async Task<NativeResult<SecretList>> ListAsync(Guid org, Guid project, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, project), Operation.Read, context.RequestAborted);
        await ProjectEndpoints.FindAsync(secrets, org, project, context.RequestAborted);
        var (limit, after) = Paging.Read(context.Request);
        var from = after is null ? (Guid?)null : Paging.Guid(after, "after");
        var found = context.Request.Query["key"].ToString() is { Length: > 0 } name
            ? await secrets.Store.FindSecretsByKeyAsync(project, OrganizationKeys.KeyIndex(await secrets.Keys.GetAsync(org, context.RequestAborted), name), from, limit + 1, context.RequestAborted)
            : await secrets.Store.ListSecretsAsync(project, from, limit + 1, context.RequestAborted);
        var page = found.Take(limit).ToList();
        var next = found.Count > limit ? page[^1].Id : (Guid?)null;
        var views = new List<SecretView>(page.Count);
        foreach (var secret in page) views.Add(await ViewAsync(secrets, secret, withValue: false, context.RequestAborted));
        return Native.Ok(new SecretList(views, next), SecretsJson.Default.SecretList);
    }

    private static async Task<IResult> CreateAsync(Guid org, Guid project, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Path(org, project), Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.SecretBody, () => new SecretBody());
        if (body.ProjectId is { } other && other != project) throw ApiException.BadRequest("project-id: a new secret belongs to the project in its path");
        await ProjectEndpoints.FindAsync(secrets, org, project, context.RequestAborted);
        var input = await secrets.EncryptAsync(org, SecretFields.Key(body.Key), SecretFields.Value(body.Value), SecretFields.Note(body.Note), context.RequestAborted);
        var secret = await secrets.CreateSecretAsync(org, project, input, context.RequestAborted);
        return new NativeResult<SecretView>(await ViewAsync(secrets, secret, true, context.RequestAborted), SecretsJson.Default.SecretView, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<SecretView>> GetAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, project)}/{secret:D}", Operation.Read, context.RequestAborted);
        var found = await FindAsync(secrets, org, project, secret, context.RequestAborted);
        return Native.Ok(await ViewAsync(secrets, found, withValue: true, context.RequestAborted), SecretsJson.Default.SecretView);
    }

    /// <summary>PUT replaces key, value and note; PATCH changes only the fields given. project-id moves the secret (write on both projects).</summary>
    private static async Task<NativeResult<SecretView>> UpdateAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context,
        SecretManager secrets, Authorizer authorizer, bool patch)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, project)}/{secret:D}", Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.SecretBody, () => throw ApiException.BadRequest("send the fields to change: key, value, note or project-id"));
        var current = await FindAsync(secrets, org, project, secret, context.RequestAborted);
        var existing = await ViewAsync(secrets, current, withValue: true, context.RequestAborted);
        if (!patch && (body.Key is null || body.Value is null)) throw ApiException.BadRequest("PUT replaces the secret: give key and value (use PATCH to change some fields)");
        var target = body.ProjectId ?? project;
        if (target != project)
        {
            await ProjectEndpoints.FindAsync(secrets, org, target, context.RequestAborted);
            await authorizer.RequireAsync(caller, Path(org, target), Operation.Create, context.RequestAborted);
        }
        var input = await secrets.EncryptAsync(org, SecretFields.Key(body.Key ?? existing.Key), SecretFields.Value(body.Value ?? existing.Value),
            SecretFields.Note(body.Note ?? (patch ? existing.Note : "")), context.RequestAborted);
        var updated = await secrets.UpdateSecretAsync(current, target, input, context.RequestAborted);
        return Native.Ok(await ViewAsync(secrets, updated, withValue: true, context.RequestAborted), SecretsJson.Default.SecretView);
    }

    private static async Task<IResult> DeleteAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Path(org, project)}/{secret:D}", Operation.Delete, context.RequestAborted);
        await FindAsync(secrets, org, project, secret, context.RequestAborted);
        await secrets.Store.DeleteSecretsAsync([secret], secrets.Now, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
