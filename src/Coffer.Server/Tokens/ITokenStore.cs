namespace Coffer.Server.Tokens;

/// <summary>
/// Dumb persistence for tokens; the rules (TTL arithmetic, who may do what, cascades) live in the
/// token manager. Every lookup is by an indexed key and every list is bounded.
/// </summary>
internal interface ITokenStore
{
    /// <summary>
    /// Inserts the token; false when it names a parent that no longer exists (revoked meanwhile) or that now
    /// ends before it (shortened by a refresh meanwhile).
    /// </summary>
    Task<bool> InsertAsync(StoredToken token, CancellationToken cancellationToken);

    Task<StoredToken?> FindByVerifierAsync(byte[] verifier, CancellationToken cancellationToken);

    Task<StoredToken?> FindByAccessorAsync(Guid accessor, CancellationToken cancellationToken);

    /// <summary>Live tokens of one entity, ordered by accessor, after the cursor.</summary>
    Task<IReadOnlyList<StoredToken>> ListByEntityAsync(string entityId, DateTimeOffset now, Guid? after, int limit, CancellationToken cancellationToken);

    /// <summary>Takes one use of a limited token: the uses left (-1 = that was the last), or null if none was left.</summary>
    Task<int?> ConsumeUseAsync(Guid accessor, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a refreshed token's lifetime and, in the same transaction, brings every descendant that would
    /// end later down to the new end (<paramref name="batch"/> rows per statement), announcing each change.
    /// </summary>
    Task<bool> UpdateLifetimeAsync(Guid accessor, DateTimeOffset renewalTime, DateTimeOffset expireTime, long ttlSeconds, int batch, CancellationToken cancellationToken);

    Task<bool> SetBoundCidrsAsync(Guid accessor, IReadOnlyList<string> boundCidrs, CancellationToken cancellationToken);

    /// <summary>The tokens and every descendant as (accessor, parent) pairs; terminates on cycles in a corrupted index.</summary>
    Task<IReadOnlyList<(Guid Accessor, Guid? Parent)>> SubtreeAsync(IReadOnlyList<Guid> roots, CancellationToken cancellationToken);

    /// <summary>Direct children of any of the given tokens.</summary>
    Task<IReadOnlyList<Guid>> ChildrenOfAsync(IReadOnlyList<Guid> parents, CancellationToken cancellationToken);

    /// <summary>Deletes the given tokens in one transaction.</summary>
    Task<int> DeleteAsync(IReadOnlyList<Guid> accessors, CancellationToken cancellationToken);

    /// <summary>Deletes one token and makes its children orphans, in one transaction.</summary>
    Task<bool> DeleteAndOrphanChildrenAsync(Guid accessor, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> tokens whose expiry has passed, oldest first.</summary>
    Task<IReadOnlyList<Guid>> ExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> tokens whose parent no longer exists (left by an interrupted revocation).</summary>
    Task<IReadOnlyList<Guid>> StrandedAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> tokens of an entity (to revoke them when the entity goes).</summary>
    Task<IReadOnlyList<Guid>> OfEntityAsync(string entityId, int limit, CancellationToken cancellationToken);
}
