using System.Security.Cryptography.X509Certificates;
using Coffer.Server.Configuration;
using Coffer.Server.Health;
using Coffer.Server.Http;
using Coffer.Server.Bitwarden;
using Coffer.Server.MachineAccounts;
using Coffer.Server.Metrics;
using Coffer.Server.Secrets;
using Coffer.Server.Policies;
using Coffer.Server.Users;
using Coffer.Server.Web;
using Coffer.Server.Seal;
using Coffer.Server.Storage;
using Coffer.Server.Tls;
using Coffer.Server.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server;

/// <summary>
/// Builds and starts the Coffer server: storage checked and migrated first (a bad database stops the
/// start before anything is written), then the seal loaded, dev bootstrap or auto-unseal, then Kestrel.
/// </summary>
public static class CofferHost
{
    public static async Task<RunningServer> StartAsync(ServerSettings settings, CofferHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new CofferHostOptions();
        var time = options.Time;
        if (settings.Dev is { } dev) settings = await PrepareDevFolderAsync(settings, dev, time, cancellationToken);

        var builder = WebApplication.CreateSlimBuilder();
        ConfigureLogging(builder.Logging, settings.LogLevel);
        using var startupLogs = LoggerFactory.Create(logging => ConfigureLogging(logging, settings.LogLevel));
        var database = await StorageOpener.OpenAsync(settings.Storage, time, startupLogs.CreateLogger("Coffer.Storage"), cancellationToken);

        try
        {
            CofferServices.Add(builder.Services, settings, database, time);
            options.ConfigureServices?.Invoke(builder.Services);
            ConfigureKestrel(builder.WebHost, settings);
            builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
                forwarded.KnownIPNetworks.Clear();
                forwarded.KnownProxies.Clear();
                foreach (var network in settings.TrustedProxies) forwarded.KnownIPNetworks.Add(network);
            });

            var app = builder.Build();
            if (settings.TrustedProxies.Count > 0) app.UseForwardedHeaders();
            app.UseMiddleware<ErrorMiddleware>();
            app.UseMiddleware<UnmatchedRouteMiddleware>();
            app.UseMiddleware<SealGateMiddleware>();
            MapEndpoints(app);

            var seal = app.Services.GetRequiredService<SealManager>();
            app.Services.GetRequiredService<CofferMetrics>();
            await seal.LoadAsync(cancellationToken);
            if (settings.Dev is { } devSettings)
                await DevBootstrap.RunAsync(devSettings, seal, app.Services.GetRequiredService<TokenManager>(), options.Output, cancellationToken);
            else
                await seal.AutoUnsealAsync(cancellationToken);

            await app.StartAsync(cancellationToken);
            var server = Bound(app, database);
            PrintBanner(options.Output, settings, database, seal, server);
            return server;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapSealEndpoints();
        app.MapHealthEndpoints();
        app.MapTokenEndpoints();
        app.MapPolicyEndpoints();
        app.MapUserEndpoints();
        app.MapOrganizationEndpoints();
        app.MapProjectEndpoints();
        app.MapSecretEndpoints();
        app.MapVersionEndpoints();
        app.MapMachineAccountEndpoints();
        app.MapAccessTokenEndpoints();
        app.MapIdentityEndpoints();
        app.MapBitwardenProjects();
        app.MapBitwardenSecrets();
        app.MapUiEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
    }

    private static async Task<ServerSettings> PrepareDevFolderAsync(ServerSettings settings, DevSettings dev, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dev.DataDir);
        var keyFile = settings.Seal.AutoKeyFile!;
        if (!File.Exists(keyFile))
        {
            if (!DevBootstrap.KeyFileNeeded(dev))
                throw new StorageException($"{dev.DataDir} holds a database but no {DevSettingsFactory.UnsealKeyFile}: it was not made by `coffer server --dev`; start it with --config and unseal it with its key shares");
            await AutoUnsealKey.CreateAsync(keyFile, cancellationToken);
        }
        return settings with { Tls = DevCertificates.Ensure(dev.DataDir, time.GetUtcNow()) };
    }

    private static void ConfigureLogging(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; });
        logging.SetMinimumLevel(level);
        // Per-request framework logs would cost throughput and print paths; keep them for debugging.
        if (level >= LogLevel.Information) logging.AddFilter("Microsoft", LogLevel.Warning);
    }

    private static void ConfigureKestrel(IWebHostBuilder webHost, ServerSettings settings)
    {
        webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Limits.MaxRequestBodyBytes;
            if (settings.Http is { } http) kestrel.Listen(http.Address, http.Port);
            if (settings.Https is { } https)
            {
                var certificate = LoadCertificate(settings.Tls!);
                kestrel.Listen(https.Address, https.Port, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                });
            }
        });
    }

    private static X509Certificate2 LoadCertificate(TlsFiles tls)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new SettingsException($"tls.cert-file / tls.key-file: cannot load {tls.CertFile} with {tls.KeyFile}: {e.Message}");
        }
    }

    private static RunningServer Bound(WebApplication app, Database database)
    {
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new RunningServer(app, addresses.FirstOrDefault(a => a.Scheme == "http"), addresses.FirstOrDefault(a => a.Scheme == "https"), database);
    }

    private static void PrintBanner(TextWriter output, ServerSettings settings, Database database, SealManager seal, RunningServer server)
    {
        var listening = string.Join(" and ", new[] { server.HttpAddress, server.HttpsAddress }.Where(a => a is not null).Select(a => a!.ToString().TrimEnd('/')));
        output.WriteLine($"Coffer {CofferVersion.Value} listening on {listening}");
        output.WriteLine($"  storage: {database.Description}; seal: {seal.Status.Type}; state: {seal.State.ToString().ToLowerInvariant()}");
        if (settings.Dev is { } dev)
            output.WriteLine($"  dev CA: {Path.Combine(dev.DataDir, DevCertificates.CaFile)} (trust it with: export SSL_CERT_FILE={Path.Combine(dev.DataDir, DevCertificates.CaFile)})");
        output.Flush();
    }
}
