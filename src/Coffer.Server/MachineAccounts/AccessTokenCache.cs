using System.Collections.Concurrent;
using Coffer.Server.Changes;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// Access tokens by id, for the check every Bitwarden API call makes (is the token behind this JWT still
/// there?). Bounded, and dropped on revocation by any node — revocation takes effect on the next request.
/// </summary>
public sealed class AccessTokenCache
{
    private const int MaxEntries = 50_000;
    private readonly IMachineAccountStore _store;
    private readonly ConcurrentDictionary<Guid, AccessTokenRecord?> _entries = new();
    private readonly CacheGeneration _generation = new();

    public AccessTokenCache(IMachineAccountStore store, ChangeFeed changes)
    {
        _store = store;
        changes.Subscribe(MachineAccountChanges.AccessTokenTopic, key =>
        {
            _generation.Advance();
            if (Guid.TryParse(key, out var id)) _entries.TryRemove(id, out _);
            else _entries.Clear();
        });
    }

    public async ValueTask<AccessTokenRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(id, out var cached)) return cached;
        var generation = _generation.Current;
        var token = await _store.GetAccessTokenAsync(id, cancellationToken);
        if (_entries.Count >= MaxEntries) _entries.Clear();
        // Only found tokens are cached (an unknown id may be created later), and only if nothing was revoked meanwhile.
        if (token is not null && _generation.Unchanged(generation))
        {
            _entries.TryAdd(id, token);
            if (!_generation.Unchanged(generation)) _entries.TryRemove(id, out _);
        }
        return token;
    }
}
