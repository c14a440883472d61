using System.Collections.Concurrent;

namespace Coffer.Server.Changes;

/// <summary>
/// How in-memory state learns that stored state changed, on this node and (through PostgreSQL
/// LISTEN/NOTIFY) on every other node. Caches subscribe to a topic and drop the key they are told
/// about; the key <see cref="Everything"/> means "drop all" (sent after a missed-notification gap).
/// </summary>
public sealed class ChangeFeed
{
    public const string Everything = "*";
    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);

    /// <summary>Identifies this process, so a node ignores its own notifications coming back.</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    public IDisposable Subscribe(string topic, Action<string> onChange)
    {
        _handlers.AddOrUpdate(topic, _ => new([onChange]), (_, existing) => existing.With(onChange));
        return new Subscription(() => _handlers.AddOrUpdate(topic, _ => new([]), (_, existing) => existing.Without(onChange)));
    }

    public void Dispatch(string topic, string key)
    {
        if (topic == Everything)
        {
            foreach (var handlers in _handlers.Values) handlers.Invoke(Everything);
            return;
        }
        if (_handlers.TryGetValue(topic, out var subscribed)) subscribed.Invoke(key);
    }

    private sealed record ImmutableHandlers(Action<string>[] All)
    {
        public ImmutableHandlers With(Action<string> handler) => new([.. All, handler]);
        public ImmutableHandlers Without(Action<string> handler) => new(All.Where(h => h != handler).ToArray());
        public void Invoke(string key) { foreach (var handler in All) handler(key); }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

/// <summary>The changes one transaction makes, announced to every node once it commits.</summary>
public sealed class ChangeList
{
    private readonly List<(string Topic, string Key)> _changes = [];

    public void Add(string topic, string key) => _changes.Add((topic, key));

    public IReadOnlyList<(string Topic, string Key)> Items => _changes;
}
