using Coffer.Server.Configuration;
using Coffer.Core.Durations;

namespace Coffer.Server.Tokens;

/// <summary>How stored tokens are shown: never the token itself (except at creation), never the parent.</summary>
public static class TokenViews
{
    public static TokenInfoResponse Info(StoredToken token, TokenDetails details, TokenSettings settings, DateTimeOffset now) => new(
        details.DisplayName, token.Accessor, token.ExpireTime, token.Policies, details.Meta, token.CreationTime, token.RenewalTime,
        token.EntityId, token.IsOrphan, token.Renewable && token.ExpireTime is not null,
        Ttl: token.ExpireTime is { } end ? Duration.Format(Remaining(end, now)) : "0s",
        MaxTtl: Duration.Format(settings.MaxTtl),
        ExplicitMaxTtl: token.ExplicitMaxEnd is { } max ? Duration.Format(max - token.CreationTime) : "0s",
        NumUses: Math.Max(token.NumUses, 0), Period: "0s", Type: "default", Disabled: false, token.BoundCidrs);

    /// <summary>Time left, to the nearest second (the clock has moved a fraction since the last whole second).</summary>
    public static TimeSpan Remaining(DateTimeOffset end, DateTimeOffset now) =>
        end > now ? TimeSpan.FromSeconds(Math.Round((end - now).TotalSeconds)) : TimeSpan.Zero;

    public static AccessorEntry Accessor(StoredToken token, TokenDetails details) =>
        new(token.Accessor, details.DisplayName, token.CreationTime, token.ExpireTime);
}
