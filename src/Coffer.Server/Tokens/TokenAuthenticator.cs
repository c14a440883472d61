using Coffer.Server.Domain;
using Coffer.Core.Network;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Coffer.Server.Seal;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.Tokens;

/// <summary>
/// Coffer tokens (UUIDs), checked on every use: known, not expired, used from inside its bound CIDRs
/// (the connection's address, or the forwarded one from a trusted proxy), and one use taken from a
/// limited token — the last use is served, then the token is revoked.
/// </summary>
internal sealed class TokenAuthenticator(ITokenStore store, TokenLookup tokens, TokenRevoker revoker, SealManager seal, TimeProvider time) : ICredentialAuthenticator
{
    public bool Accepts(string credential) => Guid.TryParse(credential, out _);

    public async ValueTask<Principal?> AuthenticateAsync(string credential, HttpContext context)
    {
        var token = await tokens.ByVerifierAsync(TokenVerifier.Compute(seal.Keyring, credential), context.RequestAborted);
        // Only the token's own expiry: no ancestor is read. A child never ends after its parent, because a refresh
        // that shortens a token clamps its descendants in the same write (TokenManager.RefreshAsync), so this stays
        // one cached lookup per request whatever the depth of the tree.
        if (token is null || token.IsExpiredAt(time.GetUtcNow()) || token.NumUses < 0) return null;
        if (token.BoundCidrs.Count > 0 && !FromBoundAddress(token, context))
            throw new DeniedException($"this token cannot be used from {context.Connection.RemoteIpAddress}: it is bound to other addresses");
        if (token.NumUses > 0)
        {
            var left = await store.ConsumeUseAsync(token.Accessor, context.RequestAborted);
            if (left is null) return null;
            if (left == -1) context.Response.OnCompleted(() => revoker.RevokeTreeAsync(token.Accessor, CancellationToken.None));
        }
        return new Principal(token.EntityId, token.Policies, token.Accessor, token.ExpireTime, PrincipalKind.Token);
    }

    private static bool FromBoundAddress(StoredToken token, HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address) return false;
        foreach (var cidr in token.BoundCidrs)
            if (CidrBlock.TryParse(cidr, out var block, out _) && block.Contains(address)) return true;
        return false;
    }
}
