using Coffer.Server.Configuration;
using Coffer.Server.Domain;
using Coffer.Server.Http;

namespace Coffer.Server.Tokens;

/// <summary>
/// TTL arithmetic. A TTL is capped — with a warning, not refused — at the server's max TTL, the token's
/// explicit max end and, for a child, its parent's remaining life. Refresh resets the TTL from now
/// (it never adds) and never passes the end fixed at creation. Times are whole seconds.
/// </summary>
public static class TokenLifetimes
{
    public sealed record Lifetime(TimeSpan Ttl, IReadOnlyList<string> Warnings);

    public static Lifetime ForNewToken(TimeSpan requested, DateTimeOffset now, TokenSettings settings, DateTimeOffset? explicitMaxEnd, DateTimeOffset? parentExpiry)
    {
        if (requested <= TimeSpan.Zero) throw new InvalidException("ttl: infinite tokens are not allowed; give a duration such as 1h or 30d");
        return Cap(requested, now, settings.MaxTtl, creation: now, explicitMaxEnd, parentExpiry, "ttl");
    }

    public static Lifetime ForRefresh(StoredToken token, TimeSpan? increment, DateTimeOffset now, TokenSettings settings, DateTimeOffset? parentExpiry)
    {
        if (!token.Renewable || token.ExpireTime is null)
            throw new InvalidException("this token is not renewable: it was created with renewable: false, or it never expires");
        var requested = increment ?? TimeSpan.FromSeconds(token.TtlSeconds);
        if (requested <= TimeSpan.Zero) throw new InvalidException("increment: give a duration longer than 0s, such as 1h");
        var lifetime = Cap(requested, now, settings.MaxTtl, token.CreationTime, token.ExplicitMaxEnd, parentExpiry, "increment");
        return lifetime.Ttl < TimeSpan.FromSeconds(1)
            ? throw new InvalidException("this token has reached the end of its max TTL and cannot be refreshed; create a new token")
            : lifetime;
    }

    private static Lifetime Cap(TimeSpan requested, DateTimeOffset now, TimeSpan maxTtl, DateTimeOffset creation, DateTimeOffset? explicitMaxEnd, DateTimeOffset? parentExpiry, string field)
    {
        var ttl = WholeSeconds(requested);
        var warnings = new List<string>();
        void CapAt(DateTimeOffset end, string why)
        {
            var left = WholeSeconds(end - now);
            if (ttl <= left) return;
            ttl = left < TimeSpan.Zero ? TimeSpan.Zero : left;
            warnings.Add($"{field} was capped at {Coffer.Core.Durations.Duration.Format(ttl)}: {why}");
        }
        CapAt(creation + maxTtl, $"the server's max TTL is {Coffer.Core.Durations.Duration.Format(maxTtl)}");
        if (explicitMaxEnd is { } end) CapAt(end, "the token's explicit-max-ttl ends then");
        if (parentExpiry is { } parentEnd) CapAt(parentEnd, "a child token cannot outlive its parent");
        return new Lifetime(ttl, warnings);
    }

    private static TimeSpan WholeSeconds(TimeSpan value) => TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));
}
