namespace Coffer.Server.Tokens;

/// <summary>Token reads through the cache: the cache if it has the token, else the store (and then the cache).</summary>
internal sealed class TokenLookup(ITokenStore store, TokenCache cache)
{
    public async ValueTask<StoredToken?> ByVerifierAsync(byte[] verifier, CancellationToken cancellationToken)
    {
        if (cache.Find(verifier) is { } cached) return cached;
        var generation = cache.Generation;
        var token = await store.FindByVerifierAsync(verifier, cancellationToken);
        if (token is not null) cache.Remember(token, generation);
        return token;
    }

    public async ValueTask<StoredToken?> ByAccessorAsync(Guid accessor, CancellationToken cancellationToken)
    {
        if (cache.Find(accessor) is { } cached) return cached;
        var generation = cache.Generation;
        var token = await store.FindByAccessorAsync(accessor, cancellationToken);
        if (token is not null) cache.Remember(token, generation);
        return token;
    }
}
