using Coffer.Server.Domain;
using Coffer.Core.Dates;
using Coffer.Server.Http;

namespace Coffer.Server.MachineAccounts;

/// <summary>Dates a caller gives (an access token's expiry), as <see cref="ZonedDate"/> reads them; a 400 naming the field otherwise.</summary>
public static class ZonedDates
{
    public static DateTimeOffset? ParseOptional(string? text, string field)
    {
        if (text is null) return null;
        if (ZonedDate.TryParse(text, out var value)) return value;
        throw new InvalidException($"{field}: '{Shorten(text)}' is not an RFC 3339 date with a zone; give e.g. 2030-01-31T12:00:00Z or 2030-01-31T13:00:00+01:00");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
