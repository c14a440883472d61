using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Coffer.Core.Jwt;

/// <summary>
/// HS256 JWTs for Coffer's own bearer tokens. We both mint and verify them, with one fixed claim set, so
/// a general JWT library would add weight and time on every request for nothing. Verification checks
/// the header's alg (HS256 only — never "none"), the signature in constant time before reading the
/// claims, then exp and nbf against the given clock (30 s of skew allowed).
/// </summary>
public static class HmacJwt
{
    public const int MinimumKeySize = 32;
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);
    private static readonly string Header = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);

    public static string Mint(ReadOnlySpan<byte> key, JwtClaims claims)
    {
        RequireKey(key);
        using var payload = new MemoryStream();
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", claims.Issuer);
            writer.WriteString("sub", claims.Subject);
            writer.WriteString("organization", claims.Organization.ToString());
            writer.WriteString("client_id", claims.ClientId.ToString());
            writer.WriteString("type", claims.Type);
            writer.WriteStartArray("scope");
            foreach (var scope in claims.Scope) writer.WriteStringValue(scope);
            writer.WriteEndArray();
            writer.WriteNumber("iat", claims.IssuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("nbf", claims.NotBefore.ToUnixTimeSeconds());
            writer.WriteNumber("exp", claims.Expires.ToUnixTimeSeconds());
            writer.WriteString("jti", claims.Id);
            writer.WriteEndObject();
        }
        var signingInput = Header + "." + Base64Url.EncodeToString(payload.ToArray());
        return signingInput + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));
    }

    public static bool TryValidate(string token, ReadOnlySpan<byte> key, DateTimeOffset now, out JwtClaims claims, out string error)
    {
        claims = null!;
        RequireKey(key);
        var first = token.IndexOf('.');
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first < 0 || second < 0 || token.IndexOf('.', second + 1) >= 0) return Fail("a JWT has three parts", out error);
        if (!HeaderIsHs256(token.AsSpan(0, first))) return Fail("the JWT is not signed with HS256", out error);

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(token, 0, second), expected);
        // Compare the canonical encoding, so no other spelling of the same bytes is accepted.
        Span<byte> expectedText = stackalloc byte[43];
        Base64Url.EncodeToUtf8(expected, expectedText);
        var signature = token.AsSpan(second + 1);
        if (signature.Length != expectedText.Length || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature.ToArray()), expectedText))
            return Fail("the JWT's signature does not match", out error);

        if (!TryReadClaims(token.AsSpan(first + 1, second - first - 1), out claims)) return Fail("the JWT's claims cannot be read", out error);
        if (claims.Expires + ClockSkew <= now) return Fail("the JWT has expired", out error);
        if (claims.NotBefore - ClockSkew > now) return Fail("the JWT is not valid yet", out error);
        error = "";
        return true;
    }

    private static bool HeaderIsHs256(ReadOnlySpan<char> encoded)
    {
        try
        {
            var reader = new Utf8JsonReader(Base64Url.DecodeFromChars(encoded));
            while (reader.Read())
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("alg"))
                    return reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("HS256");
        }
        catch (Exception e) when (e is FormatException or JsonException) { }
        return false;
    }

    private static bool TryReadClaims(ReadOnlySpan<char> encoded, out JwtClaims claims)
    {
        claims = null!;
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded));
            var root = document.RootElement;
            claims = new JwtClaims(
                root.GetProperty("sub").GetString()!, Guid.Parse(root.GetProperty("organization").GetString()!),
                Guid.Parse(root.GetProperty("client_id").GetString()!), root.GetProperty("type").GetString()!,
                root.GetProperty("scope").EnumerateArray().Select(s => s.GetString()!).ToList(),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("nbf").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()),
                root.GetProperty("jti").GetString()!, root.GetProperty("iss").GetString()!);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    private static void RequireKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeySize) throw new ArgumentException($"an HS256 key must be at least {MinimumKeySize} bytes", nameof(key));
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
