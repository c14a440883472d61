using System.Security.Cryptography;
using System.Text;

namespace Coffer.Core.Bitwarden;

/// <summary>
/// Bitwarden's EncString, type 2 (AesCbc256_HmacSha256_B64): "2." + b64(iv) + "|" + b64(ciphertext) +
/// "|" + b64(mac), where mac = HMAC-SHA256(macKey, iv ‖ ciphertext). Decryption checks the MAC in
/// constant time before decrypting. Shape validation accepts the types clients may send (0, 1, 2).
/// </summary>
public static class EncString
{
    private const int IvSize = 16, MacSize = 32;

    public static string Encrypt(SymmetricKey key, string plaintext) => Encrypt(key, Encoding.UTF8.GetBytes(plaintext));

    public static string Encrypt(SymmetricKey key, ReadOnlySpan<byte> plaintext) => Encrypt(key, plaintext, RandomNumberGenerator.GetBytes(IvSize));

    /// <summary>With a caller-chosen IV: for test vectors only; a repeated IV leaks equal plaintexts.</summary>
    public static string Encrypt(SymmetricKey key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> iv)
    {
        using var aes = Aes.Create();
        aes.Key = key.EncryptionKey.ToArray();
        var ciphertext = aes.EncryptCbc(plaintext, iv, PaddingMode.PKCS7);
        var mac = Mac(key, iv, ciphertext);
        return $"2.{Convert.ToBase64String(iv)}|{Convert.ToBase64String(ciphertext)}|{Convert.ToBase64String(mac)}";
    }

    public static string DecryptToString(SymmetricKey key, string encString) => Encoding.UTF8.GetString(Decrypt(key, encString));

    public static byte[] Decrypt(SymmetricKey key, string encString)
    {
        var (iv, ciphertext, mac) = ParseType2(encString);
        if (!CryptographicOperations.FixedTimeEquals(Mac(key, iv, ciphertext), mac))
            throw new EncStringDecryptionException("the EncString's MAC does not match: wrong key, or the value was altered");
        using var aes = Aes.Create();
        aes.Key = key.EncryptionKey.ToArray();
        try
        {
            return aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            throw new EncStringDecryptionException("the EncString does not decrypt (bad padding)");
        }
    }

    public static bool IsWellFormed(string? value) => TryValidate(value, out _);

    /// <summary>The shape upstream servers check: a type digit, the right number of base64 pieces.</summary>
    public static bool TryValidate(string? value, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(value) || value.Length < 3 || value[1] != '.' || value[0] is not ('0' or '1' or '2'))
            return Fail("is not an EncString: expected '2.<iv>|<ciphertext>|<mac>'", out error);
        var pieces = value[2..].Split('|');
        var expected = value[0] == '0' ? 2 : 3;
        if (pieces.Length != expected) return Fail($"is not an EncString of type {value[0]}: expected {expected} '|'-separated pieces", out error);
        var decoded = new byte[pieces.Length][];
        for (var i = 0; i < pieces.Length; i++)
            if (!TryBase64(pieces[i], out decoded[i]) || decoded[i].Length == 0)
                return Fail($"is not an EncString: piece {i + 1} is not base64", out error);
        if (decoded[0].Length != IvSize) return Fail($"is not an EncString: the IV is {decoded[0].Length} bytes, not {IvSize}", out error);
        if (decoded[1].Length % 16 != 0) return Fail("is not an EncString: the ciphertext is not a whole number of AES blocks", out error);
        if (expected == 3 && decoded[2].Length != MacSize) return Fail($"is not an EncString: the MAC is {decoded[2].Length} bytes, not {MacSize}", out error);
        return true;
    }

    private static (byte[] Iv, byte[] Ciphertext, byte[] Mac) ParseType2(string encString)
    {
        if (!TryValidate(encString, out var error)) throw new CofferFormatException("the value " + error);
        if (encString[0] != '2') throw new EncStringDecryptionException($"EncString type {encString[0]} is not supported; Coffer decrypts type 2");
        var pieces = encString[2..].Split('|');
        return (Convert.FromBase64String(pieces[0]), Convert.FromBase64String(pieces[1]), Convert.FromBase64String(pieces[2]));
    }

    private static byte[] Mac(SymmetricKey key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.MacKey);
        hmac.AppendData(iv);
        hmac.AppendData(ciphertext);
        return hmac.GetHashAndReset();
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        var ok = Convert.TryFromBase64String(text, buffer, out var written);
        bytes = ok ? buffer[..written] : [];
        return ok;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}

/// <summary>A well-formed EncString that does not open with the given key.</summary>
public sealed class EncStringDecryptionException(string message) : CofferFormatException(message);
