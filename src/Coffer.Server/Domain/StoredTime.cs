namespace Coffer.Server.Domain;

/// <summary>
/// The one time-truncation rule: storage keeps microseconds, so every time a write records (and answers) is the
/// clock cut to the microsecond — the dates a create or update answers are then the dates later reads give.
/// </summary>
public static class StoredTime
{
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    public static DateTimeOffset Now(TimeProvider time) => Truncate(time.GetUtcNow());
}
