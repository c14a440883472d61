using Coffer.Server.Auth;
using Coffer.Server.Seal;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Tokens;

/// <summary>Coffer tokens (UUIDs): looked up by verifier; expiry is enforced on every use.</summary>
public sealed class TokenAuthenticator(ITokenStore store, SealManager seal, TimeProvider time) : ICredentialAuthenticator
{
    public bool Accepts(string credential) => Guid.TryParse(credential, out _);

    public async ValueTask<Principal?> AuthenticateAsync(string credential, HttpContext context)
    {
        var token = await store.FindByVerifierAsync(TokenVerifier.Compute(seal.Keyring, credential), context.RequestAborted);
        if (token is null || token.IsExpiredAt(time.GetUtcNow())) return null;
        return new Principal(token.EntityId, token.Policies, token.Accessor, token.ExpireTime, PrincipalKind.Token);
    }
}
