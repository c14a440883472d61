using Coffer.Core.Durations;

namespace Coffer.Server.Tokens;

/// <summary>How stored tokens are shown: never the token itself (except at creation), never the parent.</summary>
public static class TokenViews
{
    public static TokenInfoResponse Info(StoredToken token, TokenDetails details, TokenSettings settings, DateTimeOffset now) => new(
        details.DisplayName, token.Accessor, token.ExpireTime, token.Policies, details.Meta, token.CreationTime, token.RenewalTime,
        token.EntityId, token.IsOrphan, token.Renewable && token.ExpireTime is not null,
        Ttl: token.ExpireTime is { } end ? Duration.Format(end > now ? end - now : TimeSpan.Zero) : "0s",
        MaxTtl: Duration.Format(settings.MaxTtl),
        ExplicitMaxTtl: token.ExplicitMaxEnd is { } max ? Duration.Format(max - token.CreationTime) : "0s",
        NumUses: Math.Max(token.NumUses, 0), Period: "0s", Type: "default", Disabled: false, token.BoundCidrs);

    public static AccessorEntry Accessor(StoredToken token, TokenDetails details) =>
        new(token.Accessor, details.DisplayName, token.CreationTime, token.ExpireTime);
}
