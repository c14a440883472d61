using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Bitwarden;

/// <summary>
/// Collapses repeated slashes in /identity and /api paths before routing (spec §11): the napi SDK does not
/// trim its URLs, so identityUrl "https://host/identity/" posts to /identity//connect/token. A startup
/// filter, so it runs ahead of the routing every WebApplication adds first.
/// </summary>
public sealed class RepeatedSlashes : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, following) =>
        {
            if (context.Request.Path.Value is { } path && path.Contains("//", StringComparison.Ordinal) && Collapse(path) is var collapsed
                && (collapsed.StartsWith("/api/", StringComparison.Ordinal) || collapsed.StartsWith("/identity/", StringComparison.Ordinal)))
                context.Request.Path = new PathString(collapsed);
            return following(context);
        });
        next(app);
    };

    public static string Collapse(string path)
    {
        var builder = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
            if (c != '/' || builder.Length == 0 || builder[^1] != '/') builder.Append(c);
        return builder.ToString();
    }
}
