using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Web;

/// <summary>
/// The web UI at /ui: static files embedded in the server (no CDN, works offline), read once at start.
/// Paths without a file extension get index.html, so the single-page app owns its routes. A strict
/// Content-Security-Policy allows only this server's own scripts, styles and API.
/// </summary>
public static class UiEndpoints
{
    private const string Prefix = "Web/";
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Files = Load();

    public static void MapUiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/ui/"));
        app.MapGet("/ui/{**path}", Serve);
    }

    private static IResult Serve(string? path, HttpContext context)
    {
        path = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (!Files.TryGetValue(path, out var file))
        {
            if (Path.HasExtension(path)) return TypedResults.NotFound();
            file = Files["index.html"];
        }
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        return TypedResults.Bytes(file.Content, file.Type);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(UiEndpoints).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToFrozenDictionary(name => name[Prefix.Length..], name => (Read(assembly, name), ContentType(name)), StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };
}
