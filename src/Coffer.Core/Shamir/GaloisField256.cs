namespace Coffer.Core.Shamir;

/// <summary>
/// Arithmetic in GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1.
/// Multiplication and inversion run in constant time: no branch or table lookup depends on
/// the operands, because the operands are key bytes.
/// </summary>
internal static class GaloisField256
{
    public static byte Add(byte a, byte b) => (byte)(a ^ b);

    public static byte Multiply(byte a, byte b)
    {
        int product = 0, multiplicand = a, multiplier = b;
        for (var bit = 0; bit < 8; bit++)
        {
            product ^= -(multiplier & 1) & multiplicand;
            var carry = -((multiplicand >> 7) & 1);
            multiplicand = ((multiplicand << 1) ^ (carry & 0x1B)) & 0xFF;
            multiplier >>= 1;
        }
        return (byte)product;
    }

    /// <summary>a^254 = a^-1 for a ≠ 0 (and 0 for 0), by a fixed square-and-multiply chain.</summary>
    public static byte Inverse(byte a)
    {
        var result = (byte)1;
        var power = a;
        // 254 = 0b11111110: multiply in a^2, a^4, ..., a^128.
        for (var bit = 1; bit < 8; bit++)
        {
            power = Multiply(power, power);
            result = Multiply(result, power);
        }
        return result;
    }

    public static byte Divide(byte a, byte b) => Multiply(a, Inverse(b));
}
