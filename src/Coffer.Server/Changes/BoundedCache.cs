using System.Collections.Concurrent;

namespace Coffer.Server.Changes;

/// <summary>
/// The one cache rule: rows read from the database, bounded, and dropped when the change feed says they changed
/// (on this node right after the commit, on others by NOTIFY). Reads are guarded by a generation: a value read
/// while an invalidation landed is not kept, so a just-revoked row can never be put back. When the bound is
/// reached the cache starts over (no bookkeeping on the read path; a miss costs one counter update).
/// </summary>
public sealed class BoundedCache<TKey, TValue> where TKey : notnull
{
    /// <summary>Reads the cache key out of a change-feed key; false (or <see cref="ChangeFeed.Everything"/>) drops everything.</summary>
    public delegate bool KeyParser(string changeKey, out TKey key);

    private readonly ConcurrentDictionary<TKey, TValue> _entries;
    private readonly CacheGeneration _generation = new();
    private readonly long _capacity;
    private readonly Func<TValue, long> _weigh;
    private long _weight;

    /// <param name="capacity">The bound: entries, or the summed <paramref name="weigh"/> of the entries when given.</param>
    public BoundedCache(ChangeFeed changes, string topic, long capacity, KeyParser parseKey, Func<TValue, long>? weigh = null, IEqualityComparer<TKey>? comparer = null)
    {
        (_capacity, _weigh) = (capacity, weigh ?? (_ => 1));
        _entries = new ConcurrentDictionary<TKey, TValue>(comparer ?? EqualityComparer<TKey>.Default);
        changes.Subscribe(topic, key =>
        {
            _generation.Advance();
            if (key != ChangeFeed.Everything && parseKey(key, out var parsed)) Forget(parsed);
            else Clear();
        });
    }

    /// <summary>Note it before reading the database; pass it to <see cref="Remember"/>.</summary>
    public long Generation => _generation.Current;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <summary>Keeps a value read from the database, unless something was invalidated since <paramref name="generation"/>.</summary>
    public void Remember(TKey key, TValue value, long generation)
    {
        if (!_generation.Unchanged(generation)) return;
        var weight = _weigh(value);
        if (Interlocked.Read(ref _weight) + weight > _capacity) Clear();
        if (_entries.TryAdd(key, value)) Interlocked.Add(ref _weight, weight);
        // An invalidation may have landed between the check and the add: undo rather than keep a stale entry.
        if (!_generation.Unchanged(generation)) Forget(key);
    }

    /// <summary>The cached value, or <paramref name="load"/>'s (kept when <paramref name="keep"/> allows, by default always).</summary>
    public async ValueTask<TValue> GetOrLoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> load, CancellationToken cancellationToken,
        Func<TValue, bool>? keep = null)
    {
        if (_entries.TryGetValue(key, out var cached)) return cached;
        var generation = _generation.Current;
        var value = await load(key, cancellationToken);
        if (keep is null || keep(value)) Remember(key, value, generation);
        return value;
    }

    public void Forget(TKey key)
    {
        if (_entries.TryRemove(key, out var value)) Interlocked.Add(ref _weight, -_weigh(value));
    }

    public void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _weight, 0);
    }
}
