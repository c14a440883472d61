using Coffer.Server.Changes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coffer.Server.Storage;

/// <summary>
/// Keeps one connection LISTENing on <see cref="Channel"/> and replays other nodes' changes into the
/// local <see cref="ChangeFeed"/>. Whenever the connection is (re)established, every cache is dropped:
/// notifications sent while we were not listening are lost.
/// </summary>
public sealed class PostgresChangeListener(Database database, ChangeFeed feed, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    public const string Channel = "coffer_changes";

    public static string Payload(Guid node, string topic, string key) => $"{node:N}|{topic}|{key}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = (NpgsqlConnection)await database.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await connection.Sql($"LISTEN {Channel}").RunAsync(stoppingToken);
                feed.Dispatch(ChangeFeed.Everything, ChangeFeed.Everything);
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Lost the PostgreSQL change listener ({Reason}); reconnecting in {Delay}", e.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private void OnNotification(string payload)
    {
        var parts = payload.Split('|', 3);
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var node) || node == feed.NodeId) return;
        feed.Dispatch(parts[1], parts[2]);
    }
}
