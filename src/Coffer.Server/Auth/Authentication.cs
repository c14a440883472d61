using Coffer.Server.Domain;
using Coffer.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Auth;

/// <summary>Resolves the request's bearer credential through the registered authenticators, once per request.</summary>
internal sealed class Authentication(IEnumerable<ICredentialAuthenticator> authenticators)
{
    private static readonly object ItemKey = new();
    private readonly ICredentialAuthenticator[] _authenticators = authenticators.ToArray();

    public const string Missing = "this request needs a token: send the header Authorization: Bearer <token>";
    public const string Invalid = "the token is unknown, expired or revoked; log in again or ask for a new token";

    public async ValueTask<Principal> RequireAsync(HttpContext context) =>
        await TryAsync(context) ?? throw new UnauthenticatedException(BearerCredential(context.Request) is null ? Missing : Invalid);

    public async ValueTask<Principal?> TryAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached)) return (Principal?)cached;
        Principal? principal = null;
        if (BearerCredential(context.Request) is { } credential)
            foreach (var authenticator in _authenticators)
                if (authenticator.Accepts(credential))
                {
                    principal = await authenticator.AuthenticateAsync(credential, context);
                    break;
                }
        context.Items[ItemKey] = principal;
        return principal;
    }

    public static string? BearerCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) && header.Length > scheme.Length
            ? header[scheme.Length..].Trim()
            : null;
    }
}
