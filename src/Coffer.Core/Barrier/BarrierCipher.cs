using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Core.Barrier;

/// <summary>
/// AES-256-GCM with the key's term in front: [4-byte big-endian term][12-byte nonce][ciphertext][16-byte tag].
/// The context (for example "tokens/meta/&lt;accessor&gt;") is bound as associated data, so a ciphertext
/// copied to another row or column does not decrypt.
/// </summary>
public static class BarrierCipher
{
    public const int KeySize = 32;
    public const int Overhead = TermSize + NonceSize + TagSize;
    private const int TermSize = 4, NonceSize = 12, TagSize = 16;

    public static byte[] Encrypt(ReadOnlySpan<byte> key, uint term, ReadOnlySpan<byte> plaintext, string context)
    {
        var output = new byte[Overhead + plaintext.Length];
        BinaryPrimitives.WriteUInt32BigEndian(output, term);
        var nonce = output.AsSpan(TermSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(TermSize + NonceSize, plaintext.Length),
            output.AsSpan(output.Length - TagSize), Associated(context));
        return output;
    }

    public static uint ReadTerm(ReadOnlySpan<byte> ciphertext) =>
        ciphertext.Length < Overhead
            ? throw new BarrierException("the stored value is too short to be a Coffer ciphertext")
            : BinaryPrimitives.ReadUInt32BigEndian(ciphertext);

    /// <summary>Decrypts, or returns false when the key, the context or the bytes are wrong.</summary>
    public static bool TryDecrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> ciphertext, string context, out byte[] plaintext)
    {
        plaintext = [];
        if (ciphertext.Length < Overhead) return false;
        var body = ciphertext[(TermSize + NonceSize)..^TagSize];
        var result = new byte[body.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(ciphertext.Slice(TermSize, NonceSize), body, ciphertext[^TagSize..], result, Associated(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        plaintext = result;
        return true;
    }

    private static byte[] Associated(string context) => Encoding.UTF8.GetBytes(context);
}

/// <summary>A stored ciphertext that the keyring cannot open: tampering, a wrong key, or a foreign database.</summary>
public sealed class BarrierException(string message) : Exception(message);
