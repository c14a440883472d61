namespace Coffer.Server.Configuration;

/// <summary>Server-wide token limits (settings tokens.default-ttl and tokens.max-ttl; both 32d by default).</summary>
public sealed record TokenSettings
{
    public static readonly TimeSpan ThirtyTwoDays = TimeSpan.FromDays(32);

    public TimeSpan DefaultTtl { get; init; } = ThirtyTwoDays;
    public TimeSpan MaxTtl { get; init; } = ThirtyTwoDays;

    /// <summary>How often the sweeper looks for expired tokens; <see cref="Timeout.InfiniteTimeSpan"/> turns it off.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Tokens revoked per transaction, by the sweeper and by tree revocation alike. Small, because SQLite runs
    /// each statement on the calling thread: a long batch holds one of the few threads requests need
    /// (measured in docs/BENCHMARKS.md: sweeping in batches of 500 doubled request p99).
    /// </summary>
    public int RevocationBatch { get; init; } = 100;
}
