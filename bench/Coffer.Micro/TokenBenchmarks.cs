using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Coffer.Core.Barrier;
using Coffer.Core.Bitwarden;
using Coffer.Core.Jwt;
using Coffer.Server.Seal;
using Coffer.Server.Tokens;

namespace Coffer.Micro;

/// <summary>What every authenticated request pays: a token's HMAC verifier, an access token's parse, a JWT's check.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private readonly Keyring _keyring = Keyring.Create(DateTimeOffset.UtcNow, KeyringSecrets.All);
    private readonly string _token = Guid.NewGuid().ToString();
    private readonly string _accessToken = AccessToken.Generate(Guid.NewGuid()).ToString();
    private byte[] _stored = [];
    private string _jwt = "";

    [GlobalSetup]
    public void Setup()
    {
        _stored = TokenVerifier.Compute(_keyring, _token);
        var now = DateTimeOffset.UtcNow;
        _jwt = HmacJwt.Mint(_keyring.Secret(KeyringSecrets.JwtSigning),
            new JwtClaims(Guid.NewGuid().ToString(), Guid.NewGuid(), Guid.NewGuid(), "machine-account", ["api.secrets"], now, now, now.AddHours(1), "id", "coffer"));
    }

    [Benchmark(Description = "token verifier: HMAC-SHA256 + constant-time compare")]
    public bool VerifyToken() => CryptographicOperations.FixedTimeEquals(TokenVerifier.Compute(_keyring, _token), _stored);

    [Benchmark(Description = "access token: parse 0.<id>.<secret>:<key>")]
    public Guid ParseAccessToken() => AccessToken.Parse(_accessToken).Id;

    [Benchmark(Description = "JWT (HS256): validate signature and claims")]
    public bool ValidateJwt() => HmacJwt.TryValidate(_jwt, _keyring.Secret(KeyringSecrets.JwtSigning), DateTimeOffset.UtcNow, out _, out _);
}
