using System.Net.Http.Headers;
using Coffer.Server.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Coffer.Server.Tests.Infrastructure;

/// <summary>
/// The real Coffer server (Kestrel on a free loopback port, real storage) in the test process, so
/// tests talk HTTP to it and may hold its clock. Restart it on the same storage with <see cref="RestartAsync"/>.
/// </summary>
public sealed class CofferTestServer : IAsyncDisposable
{
    private readonly bool _ownsStorage;
    private RunningServer? _server;

    private CofferTestServer(RunningServer server, TestStorage storage, ServerSettings settings, FakeTimeProvider clock, bool ownsStorage, StringWriter output)
    {
        (_server, Storage, Settings, Clock, _ownsStorage, Output) = (server, storage, settings, clock, ownsStorage, output);
        Client = NewClient();
    }

    public TestStorage Storage { get; }
    public ServerSettings Settings { get; private set; }
    public FakeTimeProvider Clock { get; }
    public StringWriter Output { get; }
    public HttpClient Client { get; private set; }
    public Uri Address => Running.HttpAddress!;
    public IServiceProvider Services => Running.Services;
    private RunningServer Running => _server ?? throw new InvalidOperationException("the server is not running");

    public static async Task<CofferTestServer> StartAsync(StorageKind kind, Func<ServerSettings, ServerSettings>? configure = null)
    {
        var storage = await TestStorage.CreateAsync(kind);
        return await StartAsync(storage, configure, ownsStorage: true);
    }

    public static async Task<CofferTestServer> StartAsync(TestStorage storage, Func<ServerSettings, ServerSettings>? configure, bool ownsStorage)
    {
        var settings = new ServerSettings
        {
            Storage = storage.Settings,
            Seal = SealSettings.Shamir,
            Http = Loopback(),
            LogLevel = LogLevel.Warning,
            // The background sweeper would race tests that advance the clock; they sweep by hand.
            Tokens = new TokenSettings { SweepInterval = Timeout.InfiniteTimeSpan },
        };
        settings = configure?.Invoke(settings) ?? settings;
        // Whole seconds, so times the server stores (microseconds) equal the times tests compute.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var output = new StringWriter();
        var server = await Launch(settings, clock, output);
        return new CofferTestServer(server, storage, settings, clock, ownsStorage, output);
    }

    /// <summary>Stops the process's server and starts a new one on the same storage and settings.</summary>
    public async Task RestartAsync(Func<ServerSettings, ServerSettings>? change = null)
    {
        Client.Dispose();
        await Running.DisposeAsync();
        _server = null;
        Settings = change?.Invoke(Settings) ?? Settings;
        _server = await Launch(Settings, Clock, Output);
        Client = NewClient();
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static ListenAddress Loopback() =>
        ListenAddressParser.TryParse("127.0.0.1:0", out var address, out _) ? address : throw new InvalidOperationException();

    private static Task<RunningServer> Launch(ServerSettings settings, FakeTimeProvider clock, TextWriter output) =>
        CofferHost.StartAsync(settings, new CofferHostOptions { Time = clock, Output = output });

    private HttpClient NewClient() => new() { BaseAddress = Running.HttpAddress };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (_ownsStorage) await Storage.DisposeAsync();
    }
}
