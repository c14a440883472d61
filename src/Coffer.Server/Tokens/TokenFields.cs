using Coffer.Server.Domain;
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
        if (name.Length > MaxDisplayName) throw new InvalidException($"display-name: at most {MaxDisplayName} characters (got {name.Length})");
        if (name.Any(char.IsControl)) throw new InvalidException("display-name: only printable characters are allowed");
        return name;
    }

    public static IReadOnlyDictionary<string, string> Meta(IReadOnlyDictionary<string, string> meta)
    {
        if (meta.Count > MaxMetaEntries) throw new InvalidException($"meta: at most {MaxMetaEntries} entries (got {meta.Count})");
        foreach (var (key, value) in meta)
        {
            if (key.Length is 0 or > MaxMetaKey) throw new InvalidException($"meta: keys must be 1 to {MaxMetaKey} characters ('{Shorten(key)}')");
            if (value.Length > MaxMetaValue) throw new InvalidException($"meta.{Shorten(key)}: values may be at most {MaxMetaValue} characters (got {value.Length})");
        }
        return meta;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
