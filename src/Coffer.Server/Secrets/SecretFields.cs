using Coffer.Server.Domain;
using Coffer.Core;
using Coffer.Core.Bitwarden;
using Coffer.Server.Http;

namespace Coffer.Server.Secrets;

/// <summary>
/// The limits Bitwarden clients and upstream servers apply (protocol spec §4.5), checked on plaintext
/// (native API) or on the EncStrings clients send (Bitwarden API).
/// </summary>
public static class SecretFields
{
    public const int MaxKey = 500, MaxValue = 25_000, MaxNote = 7_000, MaxName = 500;
    public const int MaxKeyEncString = 1_000, MaxValueEncString = 35_000, MaxNoteEncString = 10_000, MaxNameEncString = 1_000;

    public static string Key(string? key)
    {
        var trimmed = key?.Trim() ?? "";
        return trimmed.Length is > 0 and <= MaxKey ? trimmed : throw new InvalidException($"key: give 1 to {MaxKey} characters (not only spaces)", "key");
    }

    public static string Value(string? value) =>
        value is { Length: > 0 and <= MaxValue } ? value : throw new InvalidException($"value: give 1 to {MaxValue} characters", "value");

    public static string Note(string? note)
    {
        var trimmed = note?.Trim() ?? "";
        return trimmed.Length <= MaxNote ? trimmed : throw new InvalidException($"note: at most {MaxNote} characters", "note");
    }

    public static string Name(string? name, string field = "name")
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length is > 0 and <= MaxName ? trimmed : throw new InvalidException($"{field}: give 1 to {MaxName} characters (not only spaces)", field);
    }
}
