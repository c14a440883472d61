using Coffer.Server.Http;

namespace Coffer.Server.Tokens;

/// <summary>Limits on the free-form fields of a token, so a request cannot store unbounded data.</summary>
public static class TokenFields
{
    public const int MaxMetaEntries = 64, MaxMetaKey = 128, MaxMetaValue = 1024, MaxDisplayName = 256;
    public const string DefaultDisplayName = "token";

    public static string DisplayName(string? requested)
    {
        var name = requested?.Trim();
        if (string.IsNullOrEmpty(name)) return DefaultDisplayName;
        if (name.Length > MaxDisplayName) throw ApiException.BadRequest($"display-name: at most {MaxDisplayName} characters (got {name.Length})");
        if (name.Any(char.IsControl)) throw ApiException.BadRequest("display-name: only printable characters are allowed");
        return name;
    }

    public static IReadOnlyDictionary<string, string> Meta(IReadOnlyDictionary<string, string> meta)
    {
        if (meta.Count > MaxMetaEntries) throw ApiException.BadRequest($"meta: at most {MaxMetaEntries} entries (got {meta.Count})");
        foreach (var (key, value) in meta)
        {
            if (key.Length is 0 or > MaxMetaKey) throw ApiException.BadRequest($"meta: keys must be 1 to {MaxMetaKey} characters ('{Shorten(key)}')");
            if (value.Length > MaxMetaValue) throw ApiException.BadRequest($"meta.{Shorten(key)}: values may be at most {MaxMetaValue} characters (got {value.Length})");
        }
        return meta;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
