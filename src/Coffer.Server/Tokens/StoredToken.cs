namespace Coffer.Server.Tokens;

/// <summary>
/// A token as stored: never the token itself, only its HMAC verifier. Display name and metadata are
/// in <see cref="SealedDetails"/>, encrypted by the keyring. Times are UTC; a null expiry never expires.
/// </summary>
public sealed record StoredToken(
    Guid Accessor,
    byte[] Verifier,
    Guid? Parent,
    string EntityId,
    IReadOnlyList<string> Policies,
    byte[] SealedDetails,
    IReadOnlyList<string> BoundCidrs,
    DateTimeOffset CreationTime,
    DateTimeOffset? RenewalTime,
    DateTimeOffset? ExpireTime,
    long TtlSeconds,
    DateTimeOffset? ExplicitMaxEnd,
    bool Renewable,
    int NumUses)
{
    public bool IsOrphan => Parent is null;

    public bool IsExpiredAt(DateTimeOffset now) => ExpireTime is { } end && end <= now;
}
