using BenchmarkDotNet.Attributes;
using Coffer.Core.Bitwarden;
using Coffer.Core.Shamir;

namespace Coffer.Micro;

/// <summary>EncStrings (AES-256-CBC + HMAC-SHA256, as Bitwarden clients use them) and Shamir over GF(256).</summary>
[MemoryDiagnoser]
public class CryptoBenchmarks
{
    private readonly SymmetricKey _key = SymmetricKey.Generate();
    private readonly byte[] _rootKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
    private string _encrypted = "";
    private byte[][] _shares = [];

    [GlobalSetup]
    public void Setup()
    {
        _encrypted = EncString.Encrypt(_key, "correct horse battery staple");
        _shares = ShamirSecretSharing.Split(_rootKey, 5, 3);
    }

    [Benchmark(Description = "EncString encrypt (28-byte value)")]
    public string Encrypt() => EncString.Encrypt(_key, "correct horse battery staple");

    [Benchmark(Description = "EncString decrypt (28-byte value)")]
    public byte[] Decrypt() => EncString.Decrypt(_key, _encrypted);

    [Benchmark(Description = "Shamir split 32 bytes into 5 shares, threshold 3")]
    public byte[][] Split() => ShamirSecretSharing.Split(_rootKey, 5, 3);

    [Benchmark(Description = "Shamir combine 3 shares")]
    public byte[] Combine() => ShamirSecretSharing.Combine(_shares[..3]);
}
