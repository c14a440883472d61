namespace Coffer.Server.MachineAccounts;

/// <summary>A non-human identity in an organization (Bitwarden: service account). Name is an EncString under the organization key.</summary>
public sealed record MachineAccount(Guid Id, Guid OrganizationId, string Name, DateTimeOffset CreatedAt, DateTimeOffset RevisionDate);

/// <summary>Read, or read-write, on one project.</summary>
public sealed record Grant(Guid MachineAccountId, Guid ProjectId, bool CanWrite);

/// <summary>
/// An access token as stored: an HMAC verifier of its client secret and the encrypted payload (the
/// organization key wrapped under the token's own key) — never the token, its secret or its key part.
/// </summary>
public sealed record AccessTokenRecord(
    Guid Id, Guid MachineAccountId, string Name, byte[] SecretVerifier, string EncryptedPayload, DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt, DateTimeOffset RevisionDate, DateTimeOffset? LastUsedAt, Guid OrganizationId)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } end && end <= now;
}

/// <summary>Change-feed topics: grants (a machine account's derived policy) and access tokens (revocation).</summary>
public static class MachineAccountChanges
{
    public const string Topic = "machine-accounts";
    public const string AccessTokenTopic = "access-tokens";
}
