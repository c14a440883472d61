namespace Coffer.Server.Changes;

/// <summary>
/// Guards a cache against the race between a reader and an invalidation: the reader notes the generation
/// before reading the database and stores what it read only if no invalidation happened meanwhile —
/// otherwise it could put back a row that was just revoked.
/// </summary>
public sealed class CacheGeneration
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);

    public bool Unchanged(long seen) => Interlocked.Read(ref _value) == seen;
}
