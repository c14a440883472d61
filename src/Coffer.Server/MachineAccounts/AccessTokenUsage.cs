using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.MachineAccounts;

/// <summary>
/// When each access token was last used, recorded without a write per login: uses gather here and are
/// written in one transaction every second (and before anyone lists the tokens). At worst a crash loses a
/// second of "last used" — never anything that matters for access.
/// </summary>
public sealed class AccessTokenUsage(IMachineAccountStore store, ILogger<AccessTokenUsage> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _pending = new();

    public void Record(Guid accessToken, DateTimeOffset usedAt) => _pending[accessToken] = usedAt;

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var uses = new List<(Guid, DateTimeOffset)>();
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var usedAt)) uses.Add((id, usedAt));
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
