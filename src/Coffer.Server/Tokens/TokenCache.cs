using System.Collections.Concurrent;
using Coffer.Server.Changes;

namespace Coffer.Server.Tokens;

/// <summary>
/// Recently used tokens by verifier (and by accessor), so a request usually costs no database read. Every
/// change to a token — revocation, refresh, new CIDRs, orphaning — is announced on the change feed and
/// drops the entry here and on every other node. Limited-use tokens are never cached (each use is a write).
/// </summary>
internal sealed class TokenCache
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<byte[], StoredToken> _byVerifier = new(VerifierComparer.Instance);
    private readonly ConcurrentDictionary<Guid, byte[]> _verifierByAccessor = new();
    private readonly CacheGeneration _generation = new();

    public TokenCache(ChangeFeed changes) => changes.Subscribe(TokenChanges.Topic, Invalidate);

    public long Generation => _generation.Current;

    public StoredToken? Find(byte[] verifier) => _byVerifier.GetValueOrDefault(verifier);

    public StoredToken? Find(Guid accessor) =>
        _verifierByAccessor.TryGetValue(accessor, out var verifier) ? _byVerifier.GetValueOrDefault(verifier) : null;

    /// <summary>Stores a token read from the database, unless something was invalidated since <paramref name="generation"/>.</summary>
    public void Remember(StoredToken token, long generation)
    {
        if (token.NumUses != 0 || !_generation.Unchanged(generation)) return;
        if (_byVerifier.Count >= MaxEntries) Clear();
        _verifierByAccessor[token.Accessor] = token.Verifier;
        _byVerifier[token.Verifier] = token;
        // An invalidation may have landed between the check and the store: undo rather than keep a stale entry.
        if (!_generation.Unchanged(generation)) Forget(token.Accessor);
    }

    private void Invalidate(string key)
    {
        _generation.Advance();
        if (key == ChangeFeed.Everything) Clear();
        else foreach (var part in key.Split(','))
            if (Guid.TryParse(part, out var accessor)) Forget(accessor);
    }

    private void Forget(Guid accessor)
    {
        if (_verifierByAccessor.TryRemove(accessor, out var verifier)) _byVerifier.TryRemove(verifier, out _);
    }

    private void Clear()
    {
        _byVerifier.Clear();
        _verifierByAccessor.Clear();
    }

    private sealed class VerifierComparer : IEqualityComparer<byte[]>
    {
        public static readonly VerifierComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        // Verifiers are HMAC outputs, uniformly random: their first bytes are a good hash.
        public int GetHashCode(byte[] verifier) => BitConverter.ToInt32(verifier, 0);
    }
}
