namespace Coffer.Core.Durations;

/// <summary>
/// Durations as the Strongbox API writes them: <c>[&lt;n&gt;y][&lt;n&gt;d][&lt;n&gt;h][&lt;n&gt;m][&lt;n&gt;s]</c> — each
/// unit at most once, in that order, whole numbers, at least one unit, no spaces or signs (`1y2d5h`,
/// `10m30s`, `0s`). A year is 365 days. Values up to <see cref="Max"/> (1000 years) are accepted.
/// </summary>
public static class Duration
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(365 * 1000);

    private static readonly (char Unit, long Seconds)[] Units =
    [
        ('y', 365L * 24 * 3600), ('d', 24 * 3600), ('h', 3600), ('m', 60), ('s', 1),
    ];

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new CofferFormatException(error);

    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        if (string.IsNullOrEmpty(text)) return Fail("a duration cannot be empty; write for example 1h, 30m or 1y2d5h", out error);
        var total = 0m;
        var position = 0;
        var nextUnit = 0;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position])) position++;
            if (position == start)
                return Fail($"'{text}' is not a duration: expected digits at position {start + 1}, found '{text[start]}'; write for example 1h30m", out error);
            if (position == text.Length)
                return Fail($"'{text}' is not a duration: the number {text[start..]} needs a unit (y, d, h, m or s)", out error);
            var unit = Array.FindIndex(Units, u => u.Unit == text[position]);
            if (unit < 0)
                return Fail($"'{text}' is not a duration: '{text[position]}' is not a unit; use y, d, h, m or s", out error);
            if (unit < nextUnit)
                return Fail($"'{text}' is not a duration: each unit may appear once, in the order y, d, h, m, s", out error);
            var digits = text.AsSpan(start, position - start);
            if (digits.Length > 15 || (total += decimal.Parse(digits, provider: System.Globalization.CultureInfo.InvariantCulture) * Units[unit].Seconds) > (decimal)Max.TotalSeconds)
                return Fail($"'{text}' is too long: the longest duration Coffer accepts is {Format(Max)}", out error);
            nextUnit = unit + 1;
            position++;
        }
        value = TimeSpan.FromSeconds((double)total);
        return true;
    }

    /// <summary>Largest units first, zero units left out, zero itself as `0s`; sub-second parts are dropped.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), "durations are never negative");
        var seconds = (long)Math.Floor(value.TotalSeconds);
        if (seconds == 0) return "0s";
        var text = new System.Text.StringBuilder();
        foreach (var (unit, size) in Units)
        {
            if (seconds < size) continue;
            text.Append(seconds / size).Append(unit);
            seconds %= size;
        }
        return text.ToString();
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
