using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

/// <summary>Writes an <see cref="ErrorReport"/> in the shape of the surface that serves the request's path (native unless a surface claims it).</summary>
public sealed class ErrorWriter(IEnumerable<IErrorSurface> surfaces)
{
    private readonly IErrorSurface[] _surfaces = surfaces.ToArray();

    public Task WriteAsync(HttpContext context, ErrorReport report, bool unmatched)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        // A thrown failure replaces whatever the endpoint had begun to set; an unmatched route keeps routing's headers (Allow).
        if (!unmatched) context.Response.Clear();
        foreach (var surface in _surfaces)
            if (surface.Serves(context.Request.Path, unmatched)) return surface.WriteAsync(context, report);
        return Native.Error(report.Status, report.Code, report.Message).ExecuteAsync(context);
    }
}
