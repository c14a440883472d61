using System.Globalization;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Domain;
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
        app.MapGet(SecretPaths.Organizations + "/{org:guid}/projects/{project:guid}/secrets/{secret:guid}/versions", ListAsync).AddEndpointFilter<SiteFilter>();
        app.MapPost("/v1/state/orgs/{org:guid}/projects/{project:guid}/secrets/{secret:guid}/restore-version", RestoreAsync).AddEndpointFilter<SiteFilter>();
    }

    private static async Task<NativeResult<VersionList>> ListAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context,
        SecretManager secrets, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, SecretPaths.Secret(org, project, secret) + "/versions", Operation.Read, context.RequestAborted);
        var current = await secrets.FindAsync(org, project, secret, context.RequestAborted);
        var (limit, _) = Paging.Read(context.Request);
        int? before = null;
        if (context.Request.Query["before"].ToString() is { Length: > 0 } text)
            before = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new InvalidException("before: give a version number", "before");
        var page = await secrets.VersionsAsync(current, before, limit, context.RequestAborted);
        var views = new List<VersionView>(page.Items.Count);
        foreach (var version in page.Items)
            views.Add(new VersionView(version.Version, await keys.DecryptAsync(org, version.Key, context.RequestAborted),
                await keys.DecryptAsync(org, version.Value, context.RequestAborted), await keys.DecryptAsync(org, version.Note, context.RequestAborted), version.CreatedAt));
        return Native.Ok(new VersionList(views, page.NextAfter(v => v.Version)), SecretsJson.Native.VersionList);
    }

    private static async Task<NativeResult<SecretView>> RestoreAsync(Guid org, Guid project, Guid secret, Principal caller, HttpContext context,
        SecretManager secrets, OrganizationKeys keys, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{SecretPaths.ProjectState(org, project)}/secrets/{secret:D}/restore-version", Operation.Execute, context.RequestAborted);
        var body = await RequestBody.ReadAsync(context, SecretsJson.Native.RestoreBody, () => new RestoreBody());
        if (body.Version is not { } version) throw new InvalidException("version: give the version number to restore (see …/versions)", "version");
        var current = await secrets.FindAsync(org, project, secret, context.RequestAborted);
        var restored = await secrets.RestoreVersionAsync(current, version, context.RequestAborted);
        return Native.Ok(await SecretEndpoints.ViewAsync(keys, restored, withValue: true, context.RequestAborted), SecretsJson.Native.SecretView);
    }
}
