using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Coffer.Cli.Client;

/// <summary>
/// One HttpClient per command. HTTPS trusts the system roots (which honour SSL_CERT_FILE), or exactly
/// the CA given with --ca-cert / COFFER_CACERT.
/// </summary>
public static class HttpClientFactory
{
    public static HttpClient Create(string? caCertFile, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        if (caCertFile is not null)
        {
            if (!File.Exists(caCertFile)) throw new CliException($"the CA file {caCertFile} does not exist");
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caCertFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && ChainsTo(certificate, roots, errors));
        }
        return new HttpClient(handler) { Timeout = timeout };
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection roots, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
