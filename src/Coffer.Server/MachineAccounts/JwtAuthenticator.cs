using Coffer.Core.Jwt;
using Coffer.Server.Auth;
using Coffer.Server.Seal;
using Microsoft.AspNetCore.Http;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// Bearer JWTs minted at /identity/connect/token: signature and expiry checked, then the access token
/// they came from must still exist and be unexpired — so revoking a token also stops the JWTs minted
/// from it on the very next request (upstream Bitwarden does not do this). Each accepted JWT counts as a
/// use of its access token ("last used"), recorded in batches by <see cref="AccessTokenUsage"/>.
/// </summary>
internal sealed class JwtAuthenticator(AccessTokenCache tokens, AccessTokenUsage usage, SealManager seal, TimeProvider time) : ICredentialAuthenticator
{
    public const string MachineAccountType = "ServiceAccount";

    public bool Accepts(string credential) => credential.AsSpan().Count('.') == 2;

    public async ValueTask<Principal?> AuthenticateAsync(string credential, HttpContext context)
    {
        var now = time.GetUtcNow();
        if (!HmacJwt.TryValidate(credential, seal.Keyring.Secret(KeyringSecrets.JwtSigning), now, out var claims, out _)) return null;
        if (claims.Type != MachineAccountType) return null;
        var token = await tokens.GetAsync(claims.ClientId, context.RequestAborted);
        if (token is null || token.IsExpiredAt(now) || !Guid.TryParse(claims.Subject, out var subject) || subject != token.MachineAccountId) return null;
        usage.Record(token.Id, now);
        return new Principal(claims.Subject, [MachineAccountPolicies.NameOf(token.MachineAccountId)], token.Id, claims.Expires,
            PrincipalKind.MachineAccount, claims.Organization);
    }
}
