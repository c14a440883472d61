namespace Coffer.Server.Storage;

/// <summary>Times are stored as microseconds since the Unix epoch: one portable, indexable integer.</summary>
public static class UnixTime
{
    public static long ToMicroseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static long? ToMicroseconds(DateTimeOffset? time) => time is { } t ? ToMicroseconds(t) : null;

    public static DateTimeOffset FromMicroseconds(long microseconds) => DateTimeOffset.UnixEpoch.AddTicks(microseconds * 10);

    public static DateTimeOffset? FromMicroseconds(long? microseconds) => microseconds is { } m ? FromMicroseconds(m) : null;
}
