using System.Security.Cryptography;

namespace Coffer.Core.Shamir;

/// <summary>
/// Shamir's secret sharing over GF(256), byte by byte. A share is the polynomial values for
/// each secret byte followed by the share's x coordinate, so a 32-byte key gives 33-byte shares.
/// x coordinates are a random choice from 1..255 (0 would reveal the secret).
/// </summary>
public static class ShamirSecretSharing
{
    public const int MaxShares = 255;

    public static byte[][] Split(ReadOnlySpan<byte> secret, int shares, int threshold)
    {
        if (secret.IsEmpty) throw new CofferFormatException("the secret to split is empty");
        ValidateParameters(shares, threshold);

        var xs = RandomDistinctXs(shares);
        var result = new byte[shares][];
        for (var s = 0; s < shares; s++)
        {
            result[s] = new byte[secret.Length + 1];
            result[s][secret.Length] = xs[s];
        }

        var coefficients = new byte[threshold];
        try
        {
            for (var i = 0; i < secret.Length; i++)
            {
                coefficients[0] = secret[i];
                RandomNumberGenerator.Fill(coefficients.AsSpan(1));
                for (var s = 0; s < shares; s++) result[s][i] = Evaluate(coefficients, xs[s]);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(coefficients);
        }
        return result;
    }

    /// <summary>Rebuilds the secret from shares. Wrong shares give a wrong secret, not an error:
    /// the caller must verify the result (Coffer does so by decrypting the keyring).</summary>
    public static byte[] Combine(IReadOnlyList<byte[]> shares)
    {
        if (shares.Count == 0) throw new CofferFormatException("no shares were given");
        var length = shares[0].Length;
        if (length < 2) throw new CofferFormatException("a share must be at least 2 bytes long");
        var xs = new byte[shares.Count];
        for (var s = 0; s < shares.Count; s++)
        {
            if (shares[s].Length != length)
                throw new CofferFormatException($"the shares have different lengths ({length} and {shares[s].Length} bytes): they do not belong together");
            xs[s] = shares[s][length - 1];
            if (xs[s] == 0) throw new CofferFormatException("a share has x coordinate 0, which no valid share has");
            for (var earlier = 0; earlier < s; earlier++)
                if (xs[earlier] == xs[s]) throw new CofferFormatException("two different shares carry the same x coordinate");
        }

        var secret = new byte[length - 1];
        for (var i = 0; i < secret.Length; i++)
        {
            byte value = 0;
            for (var j = 0; j < shares.Count; j++)
                value = GaloisField256.Add(value, GaloisField256.Multiply(shares[j][i], LagrangeBasisAtZero(xs, j)));
            secret[i] = value;
        }
        return secret;
    }

    public static void ValidateParameters(int shares, int threshold)
    {
        if (shares < 1) throw new CofferFormatException("secret-shares must be at least 1");
        if (shares > MaxShares) throw new CofferFormatException($"secret-shares must be at most {MaxShares}");
        if (threshold < 1) throw new CofferFormatException("secret-threshold must be at least 1");
        if (threshold > shares) throw new CofferFormatException("secret-threshold cannot be larger than secret-shares");
        if (shares > 1 && threshold < 2) throw new CofferFormatException("secret-threshold must be at least 2 when there is more than one share: one share alone would unseal");
    }

    private static byte Evaluate(ReadOnlySpan<byte> coefficients, byte x)
    {
        // Horner's rule from the highest coefficient down.
        byte y = 0;
        for (var k = coefficients.Length - 1; k >= 0; k--)
            y = GaloisField256.Add(GaloisField256.Multiply(y, x), coefficients[k]);
        return y;
    }

    private static byte LagrangeBasisAtZero(ReadOnlySpan<byte> xs, int j)
    {
        byte basis = 1;
        for (var m = 0; m < xs.Length; m++)
        {
            if (m == j) continue;
            // (0 - x_m) / (x_j - x_m); subtraction is XOR in GF(2^8).
            basis = GaloisField256.Multiply(basis, GaloisField256.Divide(xs[m], GaloisField256.Add(xs[j], xs[m])));
        }
        return basis;
    }

    private static byte[] RandomDistinctXs(int count)
    {
        Span<byte> pool = stackalloc byte[MaxShares];
        for (var i = 0; i < MaxShares; i++) pool[i] = (byte)(i + 1);
        // Partial Fisher–Yates: the first `count` entries become a random selection.
        for (var i = 0; i < count; i++)
        {
            var pick = RandomNumberGenerator.GetInt32(i, MaxShares);
            (pool[i], pool[pick]) = (pool[pick], pool[i]);
        }
        return pool[..count].ToArray();
    }
}
