using System.Globalization;
using System.Text.RegularExpressions;
using Coffer.Server.Http;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// Dates a caller gives (an access token's expiry): RFC 3339 with its zone, 'Z' or an offset. A date
/// without one is refused rather than guessed — "2030-01-01T00:00:00" means a different instant in every zone.
/// </summary>
public static partial class ZonedDates
{
    public static DateTimeOffset? ParseOptional(string? text, string field)
    {
        if (text is null) return null;
        if (Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value))
            return value;
        throw ApiException.BadRequest($"{field}: '{Shorten(text)}' is not an RFC 3339 date with a zone; give e.g. 2030-01-31T12:00:00Z or 2030-01-31T13:00:00+01:00");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
