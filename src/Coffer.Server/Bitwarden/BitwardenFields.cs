using Coffer.Core;
using Coffer.Core.Bitwarden;
using Coffer.Server.Secrets;

namespace Coffer.Server.Bitwarden;

/// <summary>
/// The EncString fields Bitwarden clients send (secret key, value, note; project name), checked as upstream
/// checks its request models — required, an EncString, within the §4.5 length — plus what only the server
/// can check: that it opens with the organization key and, for keys and names, is not blank. Every failure
/// is a model-state error naming the field (spec §5.4).
/// </summary>
public static class BitwardenFields
{
    public static string Required(string? value, string field, int maxLength, SymmetricKey key, out string plaintext)
    {
        if (value is null) throw BitwardenResults.Invalid(field, $"The {field} field is required.");
        if (value.Length > maxLength)
            throw BitwardenResults.Invalid(field, $"{field}: an EncString of at most {maxLength} characters is allowed (got {value.Length}).");
        if (!EncString.TryValidate(value, out var error)) throw BitwardenResults.Invalid(field, $"{field}: the value {error}.");
        try
        {
            plaintext = EncString.DecryptToString(key, value);
        }
        catch (CofferFormatException)
        {
            throw BitwardenResults.Invalid(field, $"{field}: the EncString was not encrypted with this organization's key.");
        }
        return value;
    }

    /// <summary>A secret key or project name: as <see cref="Required"/>, and not only whitespace once decrypted.</summary>
    public static string NotBlank(string? value, string field, int maxLength, SymmetricKey key, out string plaintext)
    {
        var encrypted = Required(value, field, maxLength, key, out plaintext);
        if (string.IsNullOrWhiteSpace(plaintext)) throw BitwardenResults.Invalid(field, $"The {field.ToLowerInvariant()} cannot be empty.");
        return encrypted;
    }

    public static string ProjectName(string? value, SymmetricKey key) => NotBlank(value, "Name", SecretFields.MaxNameEncString, key, out _);
}
