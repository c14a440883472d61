using System.Collections.Concurrent;
using Coffer.Server.Changes;

namespace Coffer.Server.Secrets;

/// <summary>
/// Recently read secrets with their project (the Bitwarden API's hot path reads the same secrets over and
/// over), bounded by size. Any change to a secret, or to a project or organization holding it, is announced
/// on the change feed and drops it here and on every other node.
/// </summary>
public sealed class SecretCache
{
    public const string Topic = "secrets";
    private const long MaxChars = 32L * 1024 * 1024;
    private readonly ConcurrentDictionary<Guid, (Secret Secret, Project Project)> _entries = new();
    private readonly CacheGeneration _generation = new();
    private long _chars;

    public SecretCache(ChangeFeed changes) => changes.Subscribe(Topic, key =>
    {
        _generation.Advance();
        if (Guid.TryParse(key, out var id)) Forget(id);
        else Clear();
    });

    public long Generation => _generation.Current;

    public (Secret Secret, Project Project)? Find(Guid id) => _entries.TryGetValue(id, out var entry) ? entry : null;

    public void Remember((Secret Secret, Project Project) entry, long generation)
    {
        if (!_generation.Unchanged(generation)) return;
        var size = Size(entry);
        if (Interlocked.Read(ref _chars) + size > MaxChars) Clear();
        if (_entries.TryAdd(entry.Secret.Id, entry)) Interlocked.Add(ref _chars, size);
        if (!_generation.Unchanged(generation)) Forget(entry.Secret.Id);
    }

    private void Forget(Guid id)
    {
        if (_entries.TryRemove(id, out var entry)) Interlocked.Add(ref _chars, -Size(entry));
    }

    private void Clear()
    {
        _entries.Clear();
        Interlocked.Exchange(ref _chars, 0);
    }

    private static long Size((Secret Secret, Project Project) entry) =>
        entry.Secret.Key.Length + entry.Secret.Value.Length + entry.Secret.Note.Length + entry.Project.Name.Length + 200;
}
