using Coffer.Core.Barrier;

namespace Coffer.Server.Tokens;

/// <summary>Root tokens come from init (and dev mode): entity "root", policy "root", no expiry.</summary>
public static class RootTokens
{
    public const string Entity = "root";
    public const string Policy = Core.Policies.PolicyNames.Root;

    public static StoredToken Create(Keyring keyring, string token, DateTimeOffset now)
    {
        var accessor = Guid.NewGuid();
        return new StoredToken(
            accessor, TokenVerifier.Compute(keyring, token), Parent: null, Entity, [Policy],
            TokenDetails.Seal(keyring, accessor, new TokenDetails("root", new Dictionary<string, string>())),
            BoundCidrs: [], now, RenewalTime: null, ExpireTime: null, TtlSeconds: 0, ExplicitMaxEnd: null,
            Renewable: false, NumUses: 0);
    }
}
