using System.Globalization;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Coffer.Server.Policies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Secrets;

/// <summary>A secret's version history (newest first, paginated with ?before=) and restore-version.</summary>
public static class VersionEndpoints
{
    public static void MapVersionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(OrganizationEndpoints.Collection + "/{org:guid}/projects/{project:guid}/secrets/{secret:guid}/versions", ListAsync).AddEndpointFilter<SiteFilter>();
        app.MapPost("/v1/state/orgs/{org:guid}/projects/{project:guid}/secrets/{secret:guid}/restore-version", RestoreAsync).AddEndpointFilter<SiteFilter>();
    }

    private static async Task<NativeResult<VersionList>> ListAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context,
        SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{SecretEndpoints.Path(org, project)}/{secret:D}/versions", Operation.Read, context.RequestAborted);
        await SecretEndpoints.FindAsync(secrets, org, project, secret, context.RequestAborted);
        var (limit, _) = Paging.Read(context.Request);
        int? before = null;
        if (context.Request.Query["before"].ToString() is { Length: > 0 } text)
            before = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw ApiException.BadRequest("before: give a version number");
        var page = await secrets.Store.ListVersionsAsync(secret, before, limit + 1, context.RequestAborted);
        var views = new List<VersionView>();
        foreach (var version in page.Take(limit))
            views.Add(new VersionView(version.Version, await secrets.DecryptAsync(org, version.Key, context.RequestAborted),
                await secrets.DecryptAsync(org, version.Value, context.RequestAborted), await secrets.DecryptAsync(org, version.Note, context.RequestAborted), version.CreatedAt));
        return Native.Ok(new VersionList(views, page.Count > limit ? views[^1].Version : null), SecretsJson.Default.VersionList);
    }

    private static async Task<NativeResult<SecretView>> RestoreAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context,
        SecretManager secrets, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"/v1/state/orgs/{org:D}/projects/{project:D}/secrets/{secret:D}/restore-version", Operation.Execute, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Default.RestoreBody, () => new RestoreBody());
        if (body.Version is not { } version) throw ApiException.BadRequest("version: give the version number to restore (see …/versions)");
        var current = await SecretEndpoints.FindAsync(secrets, org, project, secret, context.RequestAborted);
        var restored = await secrets.RestoreVersionAsync(current, version, context.RequestAborted);
        return Native.Ok(await SecretEndpoints.ViewAsync(secrets, restored, withValue: true, context.RequestAborted), SecretsJson.Default.SecretView);
    }
}
