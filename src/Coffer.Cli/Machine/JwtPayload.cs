using System.Text.Json;

namespace Coffer.Cli.Machine;

/// <summary>What the client reads from its bearer JWT (it cannot verify it; the server does): organization and exp.</summary>
public sealed record JwtPayload(Guid Organization, DateTimeOffset Expires)
{
    public static JwtPayload? TryRead(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            var text = parts[1].Replace('-', '+').Replace('_', '/');
            using var document = JsonDocument.Parse(Convert.FromBase64String(text.PadRight((text.Length + 3) / 4 * 4, '=')));
            var root = document.RootElement;
            return new JwtPayload(Guid.Parse(root.GetProperty("organization").GetString()!), DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
