using Coffer.Server.Domain;
using Coffer.Core;
using Coffer.Core.Durations;
using Coffer.Server.Http;

namespace Coffer.Server.Tokens;

/// <summary>Turns a create-token body into a <see cref="TokenRequest"/>; every error names its field.</summary>
public static class TokenRequestParser
{
    public static TokenRequest Parse(CreateTokenBody body)
    {
        if (body.NumUses is < 0) throw new InvalidException("num-uses: must be 0 (unlimited) or more");
        if (body.Policies is { Count: > 64 }) throw new InvalidException($"policies: at most 64 entries (got {body.Policies.Count})");
        return new TokenRequest
        {
            Ttl = DurationField("ttl", body.Ttl),
            Meta = TokenFields.Meta(body.Meta ?? []),
            Policies = body.Policies,
            NoParent = body.NoParent ?? false,
            NoDefaultPolicy = body.NoDefaultPolicy ?? false,
            DisplayName = body.DisplayName,
            BoundCidrs = body.BoundCidrs is null ? null : Cidrs(body.BoundCidrs),
            Renewable = body.Renewable ?? true,
            ExplicitMaxTtl = DurationField("explicit-max-ttl", body.ExplicitMaxTtl),
            NumUses = body.NumUses ?? 0,
        };
    }

    public static TimeSpan? DurationField(string field, string? text) =>
        text is null ? null
        : Duration.TryParse(text, out var value, out var error) ? value
        : throw new InvalidException($"{field}: {error}");

    public static IReadOnlyList<string> Cidrs(IReadOnlyList<string> entries, string field = "bound-cidrs")
    {
        try
        {
            return TokenCidrs.Normalize(entries, field);
        }
        catch (CofferFormatException e)
        {
            throw new InvalidException(e.Message);
        }
    }
}
