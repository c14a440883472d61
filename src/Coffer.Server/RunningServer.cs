using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Coffer.Server;

/// <summary>A started Coffer server and the addresses it actually bound (port 0 becomes a real port).</summary>
public sealed class RunningServer(WebApplication app, Uri? http, Uri? https, Storage.Database database) : IAsyncDisposable
{
    public WebApplication App { get; } = app;
    public Uri? HttpAddress { get; } = http;
    public Uri? HttpsAddress { get; } = https;
    public IServiceProvider Services => App.Services;

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => App.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        // The host does not own the database (it was opened before the host was built): close it here,
        // so SQLite's writer connection goes and the WAL is checkpointed.
        await database.DisposeAsync();
    }
}
