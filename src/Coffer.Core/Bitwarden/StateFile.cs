using System.Text.Json;

namespace Coffer.Core.Bitwarden;

/// <summary>
/// The client state file Bitwarden clients keep per access token so repeated commands skip the login:
/// an EncString under the token key of {"version": 1, "token": "&lt;JWT&gt;", "encryption_key": "&lt;b64 org key&gt;"}.
/// </summary>
public static class StateFile
{
    public sealed record Contents(string Jwt, SymmetricKey OrganizationKey);

    public static string Seal(SymmetricKey tokenKey, string jwt, SymmetricKey organizationKey)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WriteString("token", jwt);
            writer.WriteString("encryption_key", organizationKey.ToBase64());
            writer.WriteEndObject();
        }
        return EncString.Encrypt(tokenKey, buffer.ToArray());
    }

    /// <summary>Null when the file is not a version-1 state for this token (the caller logs in again).</summary>
    public static Contents? Open(SymmetricKey tokenKey, string sealedState)
    {
        try
        {
            using var document = JsonDocument.Parse(EncString.Decrypt(tokenKey, sealedState.Trim()));
            var root = document.RootElement;
            return root.GetProperty("version").GetInt32() == 1
                ? new Contents(root.GetProperty("token").GetString()!, SymmetricKey.FromBase64(root.GetProperty("encryption_key").GetString()!))
                : null;
        }
        catch (Exception e) when (e is CofferFormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
