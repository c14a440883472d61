using System.Text;
using System.Text.Json;

namespace Coffer.Core.Bitwarden;

/// <summary>
/// The login response's encrypted_payload: the JSON {"encryptionKey": "&lt;b64 org key&gt;"} as a type-2
/// EncString under the key derived from the access token. Whoever holds the token can open it.
/// </summary>
public static class EncryptedPayload
{
    public static string Create(SymmetricKey tokenKey, SymmetricKey organizationKey)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) { writer.WriteStartObject(); writer.WriteString("encryptionKey", organizationKey.ToBase64()); writer.WriteEndObject(); }
        return EncString.Encrypt(tokenKey, buffer.ToArray());
    }

    public static SymmetricKey Open(SymmetricKey tokenKey, string payload)
    {
        var json = EncString.Decrypt(tokenKey, payload);
        try
        {
            using var document = JsonDocument.Parse(json);
            return SymmetricKey.FromBase64(document.RootElement.GetProperty("encryptionKey").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CofferFormatException("the encrypted payload does not hold an encryptionKey");
        }
    }
}
