using System.Security.Cryptography;

namespace Coffer.Core.Bitwarden;

/// <summary>
/// Bitwarden's symmetric key: 64 bytes, the first 32 an AES-256 key, the last 32 an HMAC-SHA256 key.
/// Organization keys and the keys derived from access tokens are of this kind.
/// </summary>
public sealed class SymmetricKey
{
    public const int Size = 64;
    private readonly byte[] _bytes;

    public SymmetricKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new CofferFormatException($"a symmetric key is {Size} bytes, not {bytes.Length}");
        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> EncryptionKey => _bytes.AsSpan(0, 32);
    public ReadOnlySpan<byte> MacKey => _bytes.AsSpan(32, 32);
    public ReadOnlySpan<byte> Bytes => _bytes;

    public static SymmetricKey Generate() => new(RandomNumberGenerator.GetBytes(Size));

    public static SymmetricKey FromBase64(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written)
            ? new SymmetricKey(buffer.AsSpan(0, written))
            : throw new CofferFormatException("the key is not valid base64");
    }

    public string ToBase64() => Convert.ToBase64String(_bytes);

    public override string ToString() => "SymmetricKey(64 bytes)";
}
