using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Coffer.Server.Configuration;

namespace Coffer.Server.Tls;

/// <summary>
/// Dev mode's HTTPS: a self-signed CA (basicConstraints CA:TRUE) and a server certificate for
/// 127.0.0.1, ::1 and localhost, written once into the data folder. Clients trust the CA with
/// SSL_CERT_FILE. The server certificate is re-issued from the same CA when it nears expiry.
/// </summary>
public static class DevCertificates
{
    public const string CaFile = "ca.pem";
    private const string CaKeyFile = "ca-key.pem", CertFile = "server.pem", KeyFile = "server-key.pem";

    public static TlsFiles Ensure(string dataDir, DateTimeOffset now)
    {
        var caPath = Path.Combine(dataDir, CaFile);
        var caKeyPath = Path.Combine(dataDir, CaKeyFile);
        var certPath = Path.Combine(dataDir, CertFile);
        var keyPath = Path.Combine(dataDir, KeyFile);

        if (!File.Exists(caPath) || !File.Exists(caKeyPath))
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Coffer dev CA", caKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
            Write(caPath, ca.ExportCertificatePem());
            Write(caKeyPath, caKey.ExportPkcs8PrivateKeyPem());
            File.Delete(certPath);
        }

        if (!File.Exists(certPath) || !File.Exists(keyPath) || NearExpiry(certPath, now))
            IssueServerCertificate(caPath, caKeyPath, certPath, keyPath, now);
        return new TlsFiles(certPath, keyPath);
    }

    private static void IssueServerCertificate(string caPath, string caKeyPath, string certPath, string keyPath, DateTimeOffset now)
    {
        using var ca = X509Certificate2.CreateFromPemFile(caPath, caKeyPath);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notAfter = now.AddDays(397) < ca.NotAfter ? now.AddDays(397) : new DateTimeOffset(ca.NotAfter);
        using var cert = request.Create(ca, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        Write(certPath, cert.ExportCertificatePem());
        Write(keyPath, key.ExportPkcs8PrivateKeyPem());
    }

    private static bool NearExpiry(string certPath, DateTimeOffset now)
    {
        using var cert = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
        return cert.NotAfter < now.AddDays(7).UtcDateTime;
    }

    private static void Write(string path, string pem)
    {
        File.WriteAllText(path, pem + "\n");
        if (!OperatingSystem.IsWindows() && path.EndsWith("key.pem", StringComparison.Ordinal))
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
