using System.Net;
using System.Security.Cryptography.X509Certificates;
using Coffer.Server.Configuration;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Infrastructure;

namespace Coffer.Server.Tests.Dev;

/// <summary>`coffer server --dev`: one data folder, initialized and unsealed on its own, HTTPS with its own CA.</summary>
public sealed class DevModeTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Directory.CreateTempSubdirectory("coffer-dev-").FullName, "data");

    private async Task<(RunningServer Server, string Output)> StartAsync(Guid? rootToken = null)
    {
        var output = new StringWriter();
        var loopback = CofferTestServer.Loopback();
        var server = await CofferHost.StartAsync(DevSettingsFactory.Create(_dataDir, loopback, loopback, rootToken), new CofferHostOptions { Output = output });
        return (server, output.ToString());
    }

    [Fact]
    public async Task The_first_start_prints_the_root_token_and_unseal_key_once()
    {
        var (first, firstOutput) = await StartAsync();
        await first.DisposeAsync();
        var (second, secondOutput) = await StartAsync();
        await using var _ = second;

        Assert.Contains("Root token:", firstOutput);
        Assert.Contains("Unseal key:", firstOutput);
        Assert.DoesNotContain("Root token:", secondOutput);
        using var client = new HttpClient { BaseAddress = second.HttpAddress };
        await client.GetAsync("/v1/sys/health").ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_fixed_dev_root_token_can_seal_the_server_after_a_restart()
    {
        var token = Guid.NewGuid();
        var (first, output) = await StartAsync(token);
        await first.DisposeAsync();
        var (server, _) = await StartAsync(token);
        await using var _ = server;

        using var client = new HttpClient { BaseAddress = server.HttpAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.ToString());
        await client.PostAsync("/v1/sys/seal", null).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Contains(token.ToString(), output);
    }

    [Fact]
    public async Task Https_works_for_a_client_that_trusts_the_dev_ca()
    {
        var (server, output) = await StartAsync();
        await using var _ = server;
        var caFile = Path.Combine(_dataDir, "ca.pem");
        var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(caFile));
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
            {
                chain!.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate!);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = server.HttpsAddress };

        await client.GetAsync("/v1/sys/seal-status").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains($"SSL_CERT_FILE={caFile}", output);
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public async Task A_dev_folder_with_another_deployments_database_refuses_to_start()
    {
        var (server, _) = await StartAsync();
        await server.DisposeAsync();
        var otherDir = Path.Combine(Path.GetDirectoryName(_dataDir)!, "other");
        var other = await CofferHost.StartAsync(DevSettingsFactory.Create(otherDir, CofferTestServer.Loopback(), CofferTestServer.Loopback(), null),
            new CofferHostOptions { Output = TextWriter.Null });
        await other.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_dataDir, "coffer.db*")) File.Delete(file);
        File.Copy(Path.Combine(otherDir, "coffer.db"), Path.Combine(_dataDir, "coffer.db"));

        var error = await Assert.ThrowsAsync<StorageException>(() => StartAsync());

        Assert.Contains("belongs to another deployment", error.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true);
    }
}
