using System.Globalization;
using System.Text.RegularExpressions;

namespace Coffer.Cli.Machine;

/// <summary>
/// serde_yaml 0.9's reading of an untagged plain scalar, which decides when a string must be quoted:
/// empty, `~` and the null words, the boolean words, integers (decimal, 0x, 0o, 0b, signed, up to 128 bits),
/// finite floats in Rust's syntax and `.inf`/`.nan`, and leading-zero digit strings.
/// </summary>
public static partial class YamlResolver
{
    public static bool ReadsAsNonString(string v) =>
        v is "" or "~" or "null" or "Null" or "NULL" or "true" or "True" or "TRUE" or "false" or "False" or "FALSE"
        || DigitsButNotNumber(v) || IsInteger(v) || IsFloat(v);

    /// <summary>Leading zero(s) then digits: a string in YAML 1.2, which serde_yaml quotes all the same.</summary>
    private static bool DigitsButNotNumber(string v)
    {
        var s = v.Length > 0 && v[0] is '-' or '+' ? v[1..] : v;
        return s.Length > 1 && s[0] == '0' && s.Skip(1).All(char.IsAsciiDigit);
    }

    private static bool IsInteger(string v)
    {
        var negative = v.StartsWith('-');
        var unsigned = negative ? v[1..] : v.StartsWith('+') ? v[1..] : v;
        foreach (var (prefix, radix) in new[] { ("0x", 16), ("0o", 8), ("0b", 2) })
            if (unsigned.StartsWith(prefix, StringComparison.Ordinal) && Fits(unsigned[2..], radix, negative)) return true;
        return !DigitsButNotNumber(v) && Fits(unsigned, 10, negative);
    }

    /// <summary>Digits of the radix only (no sign), within u128, or i128 when negative.</summary>
    private static bool Fits(string digits, int radix, bool negative)
    {
        if (digits.Length == 0) return false;
        UInt128 value = 0;
        var limit = negative ? UInt128.One << 127 : UInt128.MaxValue;
        foreach (var c in digits)
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix) return false;
            if (value > (limit - (UInt128)d) / (UInt128)radix) return false;
            value = value * (UInt128)radix + (UInt128)d;
        }
        return true;
    }

    private static bool IsFloat(string v)
    {
        if (v is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN") return true;
        if (DigitsButNotNumber(v) || !RustFloat().IsMatch(v)) return false;
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);
    }

    /// <summary>Rust's f64 grammar without inf/nan (not finite, so never a float here).</summary>
    [GeneratedRegex(@"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")]
    private static partial Regex RustFloat();
}
