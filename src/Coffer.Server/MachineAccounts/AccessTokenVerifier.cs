using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Barrier;
using Coffer.Server.Seal;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// HMAC-SHA256 over the access token's id and client secret, under the keyring's token-hash key: a fast
/// keyed hash for a high-entropy secret, bound to its token so one token's secret never matches another.
/// </summary>
public static class AccessTokenVerifier
{
    public static byte[] Compute(Keyring keyring, Guid id, string clientSecret) =>
        HMACSHA256.HashData(keyring.Secret(KeyringSecrets.TokenHmac), Encoding.UTF8.GetBytes($"access-token:{id:D}:{clientSecret}"));

    public static bool Matches(Keyring keyring, AccessTokenRecord token, string clientSecret) =>
        CryptographicOperations.FixedTimeEquals(Compute(keyring, token.Id, clientSecret), token.SecretVerifier);
}
