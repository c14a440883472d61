using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Barrier;
using Coffer.Server.Seal;

namespace Coffer.Server.Tokens;

/// <summary>
/// HMAC-SHA256 under the keyring's token-hash key: fast (tokens are high-entropy, so no slow KDF is
/// needed) and useless to anyone who reads the database without the keyring.
/// </summary>
public static class TokenVerifier
{
    public static byte[] Compute(Keyring keyring, string token)
    {
        Span<byte> buffer = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(token.Length, 256))];
        var input = token.Length <= 256 ? buffer[..Encoding.UTF8.GetBytes(token, buffer)] : Encoding.UTF8.GetBytes(token);
        return HMACSHA256.HashData(keyring.Secret(KeyringSecrets.TokenHmac), input);
    }
}
