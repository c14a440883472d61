using Coffer.Server.Domain;
using Coffer.Server.Configuration;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Http;

/// <summary>
/// The `site` query parameter: absent or this server's own site name → handled here. Coffer has no site
/// directory yet, so any other name is 404 "unknown site".
/// </summary>
public sealed class SiteFilter(ServerSettings settings) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var site = context.HttpContext.Request.Query["site"].ToString();
        if (site.Length > 0 && site != settings.SiteName)
            throw new NotFoundException($"unknown site '{site}': this server is site '{settings.SiteName}' and knows no other sites");
        return next(context);
    }
}
