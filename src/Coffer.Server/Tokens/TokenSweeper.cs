using Coffer.Server.Seal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tokens;

/// <summary>
/// Removes expired tokens with their descendants, and tokens left without a parent by an interrupted
/// revocation, in bounded batches. Expiry is also enforced on every use, so the sweeper only keeps the
/// store small: it is never what makes an expired token stop working.
/// </summary>
public sealed class TokenSweeper(ITokenStore store, TokenRevoker revoker, SealManager seal, TokenSettings settings, TimeProvider time, ILogger<TokenSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.SweepInterval == Timeout.InfiniteTimeSpan) return;
        using var timer = new PeriodicTimer(settings.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (seal.State != SealState.Unsealed) continue;
            try
            {
                // Keep going while full batches come back; each batch is its own short transaction.
                while (await SweepAsync(stoppingToken) >= settings.RevocationBatch) await Task.Yield();
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
            {
                logger.LogWarning("Token sweep failed, will retry: {Reason}", e.Message);
            }
        }
    }

    /// <summary>One pass: at most one batch of expired roots and one batch of stranded tokens.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var revoked = 0;
        foreach (var accessor in await store.ExpiredAsync(time.GetUtcNow(), settings.RevocationBatch, cancellationToken))
            revoked += await revoker.RevokeTreeAsync(accessor, cancellationToken);
        foreach (var accessor in await store.StrandedAsync(settings.RevocationBatch, cancellationToken))
            revoked += await revoker.RevokeTreeAsync(accessor, cancellationToken);
        if (revoked > 0) logger.LogInformation("Swept {Count} expired tokens", revoked);
        return revoked;
    }
}
