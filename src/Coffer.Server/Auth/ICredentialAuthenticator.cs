using Coffer.Server.Domain;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Auth;

/// <summary>
/// Turns one kind of bearer credential (a Coffer token, a Bitwarden JWT…) into a principal. Returns
/// null for an unknown, expired or revoked credential (401); throws a domain error for refusals such
/// as a request from outside the token's bound CIDRs (403).
/// </summary>
public interface ICredentialAuthenticator
{
    bool Accepts(string credential);

    ValueTask<Principal?> AuthenticateAsync(string credential, HttpContext context);
}
