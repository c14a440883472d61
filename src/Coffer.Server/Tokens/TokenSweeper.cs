using Coffer.Server.Configuration;
using Coffer.Server.Seal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tokens;

/// <summary>
/// Removes expired tokens with their descendants, and tokens left without a parent by an interrupted
/// revocation, in bounded batches. Expiry is also enforced on every use, so the sweeper only keeps the
/// store small: it is never what makes an expired token stop working.
/// </summary>
internal sealed class TokenSweeper(ITokenStore store, TokenRevoker revoker, SealManager seal, TokenSettings settings, TimeProvider time, ILogger<TokenSweeper> logger)
    : BackgroundService
{
    /// <summary>
    /// Revocation deletes children before parents, so only a crash between a parent's deletion and its
    /// straggler check (or a hand-edited database) strands a token. Looking for them costs a pass over
    /// every token with a parent, so it runs at the first sweep after start and then hourly, not every tick.
    /// </summary>
    public static readonly TimeSpan StrandedInterval = TimeSpan.FromHours(1);

    private DateTimeOffset _strandedDue = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.SweepInterval == Timeout.InfiniteTimeSpan) return;
        using var timer = new PeriodicTimer(settings.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (seal.State != SealState.Unsealed) continue;
            try
            {
                // Keep going while full batches come back, resting twice as long as each batch took: sweeping
                // is housekeeping, and at a third of one core it cannot take the server from its requests.
                while (true)
                {
                    var started = time.GetTimestamp();
                    if (await SweepAsync(stoppingToken) < settings.RevocationBatch) break;
                    await Task.Delay(2 * time.GetElapsedTime(started), time, stoppingToken);
                }
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
            {
                logger.LogWarning("Token sweep failed, will retry: {Reason}", e.Message);
            }
        }
    }

    /// <summary>One pass: at most one batch of expired tokens and, when due, one batch of stranded tokens.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var revoked = await revoker.RevokeTreesAsync(await store.ExpiredAsync(now, settings.RevocationBatch, cancellationToken), cancellationToken);
        if (now >= _strandedDue)
        {
            var stranded = await store.StrandedAsync(settings.RevocationBatch, cancellationToken);
            revoked += await revoker.RevokeTreesAsync(stranded, cancellationToken);
            // Keep looking on every pass while full batches come back; then rest for the interval.
            if (stranded.Count < settings.RevocationBatch) _strandedDue = now + StrandedInterval;
        }
        if (revoked > 0) logger.LogInformation("Swept {Count} expired tokens", revoked);
        return revoked;
    }
}
