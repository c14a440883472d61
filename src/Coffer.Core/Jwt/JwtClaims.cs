namespace Coffer.Core.Jwt;

/// <summary>The claims Coffer puts in (and reads from) the bearer JWTs it mints for machine accounts.</summary>
public sealed record JwtClaims(
    string Subject, Guid Organization, Guid ClientId, string Type, IReadOnlyList<string> Scope,
    DateTimeOffset IssuedAt, DateTimeOffset NotBefore, DateTimeOffset Expires, string Id, string Issuer);
