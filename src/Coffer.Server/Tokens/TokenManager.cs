using Coffer.Server.Domain;
using Coffer.Server.Auth;
using Coffer.Server.Configuration;
using Coffer.Server.Policies;
using Coffer.Server.Seal;

namespace Coffer.Server.Tokens;

/// <summary>
/// The rules of tokens: who may create what, lifetimes, refresh, lookups and revocation. Endpoints
/// parse and answer; this class decides; the store persists. Tokens are UUIDv4 strings kept only as
/// HMAC verifiers; the accessor names a token without granting its power.
/// </summary>
internal sealed class TokenManager(ITokenStore store, TokenLookup lookup, TokenRevoker revoker, SealManager seal, PolicyCatalog policies, Authorizer authorizer,
    TokenSettings settings, TimeProvider time)
{
    public TokenSettings Settings => settings;

    public async Task<CreatedToken> CreateAsync(Principal caller, TokenRequest request, CancellationToken cancellationToken)
    {
        var parent = await CallerTokenAsync(caller, cancellationToken);
        if (parent.NumUses != 0) throw new InvalidException("a token with limited uses (num-uses) cannot create tokens");
        if (request.NoParent && !caller.IsRoot) throw new DeniedException("no-parent needs a root token: only root may create orphan tokens");
        var granted = await TokenPolicies.ResolveAsync(caller, request.Policies, request.NoDefaultPolicy, policies, cancellationToken);
        var boundCidrs = TokenCidrs.ForChild(request.BoundCidrs, parent.BoundCidrs);

        var now = StoredTime.Now(time);
        var explicitEnd = request.ExplicitMaxTtl is { } explicitMax
            ? explicitMax > TimeSpan.Zero ? now + explicitMax : throw new InvalidException("explicit-max-ttl: give a duration longer than 0s")
            : (DateTimeOffset?)null;
        var details = new TokenDetails(TokenFields.DisplayName(request.DisplayName), TokenFields.Meta(request.Meta));
        for (var attempt = 0; ; attempt++)
        {
            var lifetime = TokenLifetimes.ForNewToken(request.Ttl ?? settings.DefaultTtl, now, settings, explicitEnd, request.NoParent ? null : parent.ExpireTime);
            if (lifetime.Ttl < TimeSpan.FromSeconds(1)) throw new InvalidException("the calling token expires in less than a second; refresh it first");
            if (await MintAsync(request.NoParent ? null : parent.Accessor, caller.EntityId, granted, details, boundCidrs, now, lifetime,
                    explicitEnd, request.Renewable, request.NumUses, cancellationToken) is { } created)
                return created;
            // The parent was revoked, or shortened by a refresh, since it was read (perhaps from the cache):
            // read it again from the store and try once more with its current life.
            if (attempt > 0 || await store.FindByAccessorAsync(parent.Accessor, cancellationToken) is not { } fresh || !IsLive(fresh))
                throw new UnauthenticatedException(Authentication.Invalid);
            parent = fresh;
        }
    }

    /// <summary>A token for an entity that logged in (no parent): the login method decides its settings.</summary>
    public async Task<CreatedToken> CreateForLoginAsync(string entityId, IReadOnlyList<string> policies, TokenDetails details, IReadOnlyList<string> boundCidrs,
        TimeSpan? ttl, TimeSpan? maxTtl, CancellationToken cancellationToken)
    {
        var now = StoredTime.Now(time);
        var explicitEnd = maxTtl is { } max ? now + max : (DateTimeOffset?)null;
        var lifetime = TokenLifetimes.ForNewToken(ttl ?? settings.DefaultTtl, now, settings, explicitEnd, parentExpiry: null);
        return await MintAsync(null, entityId, policies, details, boundCidrs, now, lifetime, explicitEnd, renewable: true, numUses: 0, cancellationToken)
            ?? throw new InvalidOperationException("a token without a parent was refused by the store");
    }

    /// <summary>Stores a new token; null when the store refuses it because its parent is gone or ends before it.</summary>
    private async Task<CreatedToken?> MintAsync(Guid? parent, string entityId, IReadOnlyList<string> policies, TokenDetails details, IReadOnlyList<string> boundCidrs,
        DateTimeOffset now, TokenLifetimes.Lifetime lifetime, DateTimeOffset? explicitEnd, bool renewable, int numUses, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid().ToString();
        var accessor = Guid.NewGuid();
        var keyring = seal.Keyring;
        var stored = new StoredToken(accessor, TokenVerifier.Compute(keyring, token), parent, entityId, policies,
            TokenDetails.Seal(keyring, accessor, details), boundCidrs, now, RenewalTime: null,
            now + lifetime.Ttl, (long)lifetime.Ttl.TotalSeconds, explicitEnd, renewable, numUses);
        return await store.InsertAsync(stored, cancellationToken) ? new CreatedToken(token, stored, lifetime.Warnings) : null;
    }

    /// <summary>Revokes every token of an entity (the entity is going away), in bounded batches.</summary>
    public async Task RevokeEntityAsync(string entityId, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> batch;
        while ((batch = await store.OfEntityAsync(entityId, settings.RevocationBatch, cancellationToken)).Count > 0)
            await revoker.RevokeTreesAsync(batch, cancellationToken);
    }

    /// <summary>
    /// The caller's own token, or another one named by token or accessor. Either needs execute on
    /// <paramref name="policyPath"/>, the operation's name in policies; the caller's own token is also allowed by
    /// a rule on <paramref name="policyPath"/>/self. Another token must be live (404 otherwise).
    /// </summary>
    public async Task<StoredToken> FindAsync(Principal caller, string? token, Guid? accessor, string policyPath, CancellationToken cancellationToken)
    {
        var own = await CallerTokenAsync(caller, cancellationToken);
        StoredToken? target = own;
        if (token is not null) target = await lookup.ByVerifierAsync(TokenVerifier.Compute(seal.Keyring, token), cancellationToken);
        else if (accessor is { } a) target = await lookup.ByAccessorAsync(a, cancellationToken);
        var self = target?.Accessor == own.Accessor;
        await authorizer.RequireAsync(caller, policyPath, Core.Policies.Operation.Execute, self, cancellationToken);
        if (target is null || (!self && !IsLive(target))) throw new NotFoundException(token is not null ? "no such token (it may have expired or been revoked)" : "no token has this accessor");
        return target;
    }

    /// <summary>
    /// Resets the caller's TTL. A refresh may shorten a token (it resets, never adds), so the store clamps its
    /// descendants to the new end in the same transaction and announces them on the change feed. That keeps
    /// "no child outlives its parent" a property of each stored row, and authentication checks only the
    /// token's own expiry: one cached lookup per request, O(1), instead of reading every ancestor on each
    /// use (O(depth) reads, and a cache entry that would go stale whenever any ancestor changed).
    /// </summary>
    public async Task<(StoredToken Token, IReadOnlyList<string> Warnings)> RefreshAsync(Principal caller, TimeSpan? increment, CancellationToken cancellationToken)
    {
        var token = await CallerTokenAsync(caller, cancellationToken);
        var parentExpiry = token.Parent is { } parent ? (await lookup.ByAccessorAsync(parent, cancellationToken))?.ExpireTime : null;
        var now = StoredTime.Now(time);
        var lifetime = TokenLifetimes.ForRefresh(token, increment, now, settings, parentExpiry);
        await store.UpdateLifetimeAsync(token.Accessor, now, now + lifetime.Ttl, token.TtlSeconds, settings.RevocationBatch, cancellationToken);
        return (token with { RenewalTime = now, ExpireTime = now + lifetime.Ttl }, lifetime.Warnings);
    }

    /// <summary>A page of the live tokens of the caller's entity, by accessor.</summary>
    public Task<Page<StoredToken>> ListOfEntityAsync(Principal caller, Guid? after, int limit, CancellationToken cancellationToken) =>
        Page<StoredToken>.ReadAsync(limit, rows => store.ListByEntityAsync(caller.EntityId, time.GetUtcNow(), after, rows, cancellationToken));

    public Task<int> RevokeTreeAsync(Guid accessor, CancellationToken cancellationToken) => revoker.RevokeTreeAsync(accessor, cancellationToken);

    /// <summary>Revokes only this token; its children live on as orphans. Root only.</summary>
    public async Task RevokeOrphanAsync(Principal caller, string? token, CancellationToken cancellationToken)
    {
        if (!caller.IsRoot) throw new DeniedException("revoke-orphan needs a root token");
        if (string.IsNullOrWhiteSpace(token)) throw new InvalidException("send the token to revoke as {\"token\": \"…\"}", "token");
        if (await store.FindByVerifierAsync(TokenVerifier.Compute(seal.Keyring, token), cancellationToken) is { } target)
            await store.DeleteAndOrphanChildrenAsync(target.Accessor, cancellationToken);
    }

    public async Task<StoredToken> SetBoundCidrsAsync(Principal caller, StoredToken target, IReadOnlyList<string> cidrs, CancellationToken cancellationToken)
    {
        if (!caller.IsRoot && caller.EntityId != target.EntityId)
            throw new DeniedException("set-bound-cidrs: only root or the token's own entity may change its bound CIDRs");
        if (!caller.IsRoot) TokenCidrs.RequireNarrowing(cidrs, target.BoundCidrs);
        await store.SetBoundCidrsAsync(target.Accessor, cidrs, cancellationToken);
        return target with { BoundCidrs = cidrs };
    }

    public TokenDetails Details(StoredToken token) => TokenDetails.Open(seal.Keyring, token.Accessor, token.SealedDetails);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Makes <paramref name="token"/> a valid root token if it is not one yet (dev mode's fixed --dev-root-token, which
    /// must work on every start of the same data folder).
    /// </summary>
    public async Task EnsureRootTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (await store.FindByVerifierAsync(TokenVerifier.Compute(seal.Keyring, token), cancellationToken) is null)
            await store.InsertAsync(RootTokens.Create(seal.Keyring, token, time.GetUtcNow()), cancellationToken);
    }

    private bool IsLive(StoredToken token) => !token.IsExpiredAt(time.GetUtcNow()) && token.NumUses >= 0;

    private async Task<StoredToken> CallerTokenAsync(Principal caller, CancellationToken cancellationToken)
    {
        if (caller.Kind != PrincipalKind.Token || caller.Accessor is not { } accessor)
            throw new DeniedException("this operation needs a Coffer token; machine-account credentials cannot manage tokens");
        // Not IsLive: on a limited token's last use the uses are already spent, yet this request is served.
        return await lookup.ByAccessorAsync(accessor, cancellationToken) is { } token && !token.IsExpiredAt(time.GetUtcNow())
            ? token
            : throw new UnauthenticatedException(Authentication.Invalid);
    }
}
