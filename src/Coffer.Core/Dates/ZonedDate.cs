using System.Globalization;
using System.Text.RegularExpressions;

namespace Coffer.Core.Dates;

/// <summary>
/// An RFC 3339 date-time that names its zone ('Z' or an offset). A date without one is refused rather
/// than guessed: "2030-01-01T00:00:00" is a different instant on every machine that reads it.
/// </summary>
public static partial class ZonedDate
{
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
