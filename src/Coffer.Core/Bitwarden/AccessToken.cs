using System.Security.Cryptography;

namespace Coffer.Core.Bitwarden;

/// <summary>
/// A machine account's access token: `0.&lt;id&gt;.&lt;client secret&gt;:&lt;base64 of 16 bytes&gt;`. The id is the
/// OAuth client id, the secret its client secret, and the 16 bytes derive the key that opens the
/// organization key (the encrypted payload). Parsing gives the same reasons the official clients give.
/// </summary>
public sealed record AccessToken(Guid Id, string ClientSecret, byte[] EncryptionKey)
{
    public const int KeySize = 16;

    public static AccessToken Parse(string text)
    {
        var colon = text.IndexOf(':');
        if (colon < 0) throw new CofferFormatException("the access token doesn't contain a decryption key (the part after ':')");
        var parts = text[..colon].Split('.');
        if (parts.Length != 3) throw new CofferFormatException($"the access token has the wrong number of parts: expected 0.<id>.<secret>, found {parts.Length}");
        if (parts[0] != "0") throw new CofferFormatException($"the access token is the wrong version ('{Shorten(parts[0])}'; expected '0')");
        if (!Guid.TryParse(parts[1], out var id)) throw new CofferFormatException("the access token has an invalid identifier (not a UUID)");
        if (parts[2].Length == 0) throw new CofferFormatException("the access token has an empty client secret");
        var keyText = text[(colon + 1)..];
        var padded = keyText.PadRight((keyText.Length + 3) / 4 * 4, '=');
        var buffer = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
            throw new CofferFormatException("the access token's decryption key is not valid base64");
        if (written != KeySize) throw new CofferFormatException($"the access token's decryption key has an invalid length: expected {KeySize} bytes, got {written}");
        return new AccessToken(id, parts[2], buffer[..written]);
    }

    /// <summary>A new token for a known id: a fresh client secret and fresh key bytes.</summary>
    public static AccessToken Generate(Guid id) => new(id, ClientSecrets.Generate(), RandomNumberGenerator.GetBytes(KeySize));

    /// <summary>The key that wraps the organization key inside the encrypted payload.</summary>
    public SymmetricKey DeriveKey() => AccessTokenKey.Derive(EncryptionKey);

    public override string ToString() => $"0.{Id:D}.{ClientSecret}:{Convert.ToBase64String(EncryptionKey)}";

    private static string Shorten(string text) => text.Length <= 8 ? text : text[..8] + "…";
}

/// <summary>HKDF-SHA256 from the token's 16 bytes: salt "bitwarden-accesstoken", info "sm-access-token", 64 bytes.</summary>
public static class AccessTokenKey
{
    public static SymmetricKey Derive(ReadOnlySpan<byte> secret)
    {
        Span<byte> okm = stackalloc byte[SymmetricKey.Size];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, okm, "bitwarden-accesstoken"u8, "sm-access-token"u8);
        return new SymmetricKey(okm);
    }
}

/// <summary>Client secrets: 30 characters of [A-Za-z0-9] from a CSPRNG, without modulo bias.</summary>
public static class ClientSecrets
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const int Length = 30;

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);
}
