using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Domain;
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
        var secrets = app.MapGroup(SecretPaths.Organizations + "/{org:guid}/projects/{project:guid}/secrets").AddEndpointFilter<SiteFilter>();
        secrets.MapGet("", ListAsync);
        secrets.MapPost("", CreateAsync);
        secrets.MapGet("/{secret:guid}", GetAsync);
        secrets.MapPut("/{secret:guid}", (Guid org, Guid project, Guid secret, Principal caller, HttpContext context, SecretManager manager, OrganizationKeys keys, Authorizer authorizer) =>
            UpdateAsync(org, project, secret, caller, context, manager, keys, authorizer, patch: false));
        secrets.MapPatch("/{secret:guid}", (Guid org, Guid project, Guid secret, Principal caller, HttpContext context, SecretManager manager, OrganizationKeys keys, Authorizer authorizer) =>
            UpdateAsync(org, project, secret, caller, context, manager, keys, authorizer, patch: true));
        secrets.MapDelete("/{secret:guid}", DeleteAsync);
    }

    internal static async Task<SecretView> ViewAsync(OrganizationKeys keys, Secret s, bool withValue, CancellationToken cancellationToken) =>
        new(s.Id, s.OrganizationId, s.ProjectId, await keys.DecryptAsync(s.OrganizationId, s.Key, cancellationToken),
            withValue ? await keys.DecryptAsync(s.OrganizationId, s.Value, cancellationToken) : null,
            withValue ? await keys.DecryptAsync(s.OrganizationId, s.Note, cancellationToken) : null, s.Version, s.CreatedAt, s.RevisionDate);

    private static async Task<NativeResult<SecretList>> ListAsync(Guid org, Guid project, Principal caller, HttpContext context, ProjectManager projects,
        SecretManager secrets, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Secrets(org, project), Operation.Read, context.RequestAborted);
        await projects.FindAsync(org, project, context.RequestAborted);
        var (limit, after) = Paging.ReadById(context.Request);
        var key = context.Request.Query["key"].ToString() is { Length: > 0 } name ? name : null;
        var page = await secrets.ListAsync(org, project, key, after, limit, context.RequestAborted);
        var views = new List<SecretView>(page.Items.Count);
        foreach (var secret in page.Items) views.Add(await ViewAsync(keys, secret, withValue: false, context.RequestAborted));
        return Native.Ok(new SecretList(views, page.NextAfter(s => s.Id)), SecretsJson.Native.SecretList);
    }

    private static async Task<IResult> CreateAsync(Guid org, Guid project, Principal caller, HttpContext context, ProjectManager projects,
        SecretManager secrets, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Secrets(org, project), Operation.Create, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.SecretBody, () => new SecretBody());
        if (body.ProjectId is { } other && other != project) throw new InvalidException("project-id: a new secret belongs to the project in its path", "project-id");
        await projects.FindAsync(org, project, context.RequestAborted);
        var input = await keys.EncryptAsync(org, SecretFields.Key(body.Key), SecretFields.Value(body.Value), SecretFields.Note(body.Note), context.RequestAborted);
        var secret = await secrets.CreateAsync(org, project, input, context.RequestAborted);
        return new NativeResult<SecretView>(await ViewAsync(keys, secret, true, context.RequestAborted), SecretsJson.Native.SecretView, StatusCodes.Status201Created);
    }

    private static async Task<NativeResult<SecretView>> GetAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context,
        SecretManager secrets, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Secret(org, project, secret), Operation.Read, context.RequestAborted);
        var found = await secrets.FindAsync(org, project, secret, context.RequestAborted);
        return Native.Ok(await ViewAsync(keys, found, withValue: true, context.RequestAborted), SecretsJson.Native.SecretView);
    }

    /// <summary>PUT replaces key, value and note; PATCH changes only the fields given. project-id moves the secret (write on both projects).</summary>
    private static async Task<NativeResult<SecretView>> UpdateAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context,
        SecretManager secrets, OrganizationKeys keys, Authorizer authorizer, bool patch)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Secret(org, project, secret), Operation.Update, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.SecretBody, () => throw new InvalidException("send the fields to change: key, value, note or project-id"));
        var current = await secrets.FindAsync(org, project, secret, context.RequestAborted);
        var existing = await ViewAsync(keys, current, withValue: true, context.RequestAborted);
        if (!patch && (body.Key is null || body.Value is null)) throw new InvalidException("PUT replaces the secret: give key and value (use PATCH to change some fields)");
        var input = await keys.EncryptAsync(org, SecretFields.Key(body.Key ?? existing.Key), SecretFields.Value(body.Value ?? existing.Value),
            SecretFields.Note(body.Note ?? (patch ? existing.Note : "")), context.RequestAborted);
        var updated = await secrets.UpdateAsync(caller, current, body.ProjectId ?? project, input, context.RequestAborted);
        return Native.Ok(await ViewAsync(keys, updated, withValue: true, context.RequestAborted), SecretsJson.Native.SecretView);
    }

    private static async Task<IResult> DeleteAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context, SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Secret(org, project, secret), Operation.Delete, context.RequestAborted);
        await secrets.FindAsync(org, project, secret, context.RequestAborted);
        await secrets.DeleteAsync([secret], context.RequestAborted);
        return TypedResults.NoContent();
    }
}
