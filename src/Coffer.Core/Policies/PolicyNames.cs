namespace Coffer.Core.Policies;

/// <summary>
/// Policy names: 1–128 characters of lowercase letters, digits, '-', '_' and '.', starting with a letter
/// or digit. `root` (everything, built in, never written) and `default` (a token's own lookups) are reserved.
/// </summary>
public static class PolicyNames
{
    public const string Root = "root";
    public const string Default = "default";
    public const int MaxLength = 128;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');

    public static string Validate(string? name) => IsValid(name) ? name!
        : throw new CofferFormatException($"'{name}' is not a policy name: use 1 to {MaxLength} lowercase letters, digits, '-', '_' or '.', starting with a letter or digit");
}
