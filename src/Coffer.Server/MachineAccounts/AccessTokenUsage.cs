using System.Collections.Concurrent;
using Coffer.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// When each access token was last used — at login and on every call made with a JWT minted from it —
/// recorded without a write per request: uses gather here and are written in one transaction every
/// second (and before anyone lists the tokens). Recording is on every JWT request's path, so it takes no
/// lock and allocates nothing when the token's pending use is already less than a second old. At worst a
/// crash loses a second of "last used" — never anything that matters for access.
/// </summary>
internal sealed class AccessTokenUsage(IMachineAccountStore store, ILogger<AccessTokenUsage> logger) : BackgroundService
{
    private const long Resolution = 1_000_000; // microseconds
    // Microseconds since the epoch: a long is written in place (no node allocated) when the key is already there.
    private readonly ConcurrentDictionary<Guid, long> _pending = new();

    public void Record(Guid accessToken, DateTimeOffset usedAt)
    {
        var micros = UnixTime.ToMicroseconds(usedAt);
        if (_pending.TryGetValue(accessToken, out var pending) && pending > micros - Resolution) return;
        _pending[accessToken] = micros;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty) return;
        var uses = new List<(Guid, DateTimeOffset)>();
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var usedAt)) uses.Add((id, UnixTime.FromMicroseconds(usedAt)));
        await store.TouchAccessTokensAsync(uses, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await FlushAsync(stoppingToken); }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogWarning("Could not record access-token use: {Reason}", e.Message);
            }
        }
    }
}
