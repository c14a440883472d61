using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coffer.Core.Jwt;

namespace Coffer.Core.Tests.Jwt;

public class HmacJwtTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static JwtClaims Claims(DateTimeOffset? expires = null) => new(
        "sa", Guid.NewGuid(), Guid.NewGuid(), "ServiceAccount", ["api.secrets"], Now, Now, expires ?? Now.AddHours(1), "jti-1", "coffer");

    private static bool Validate(string token, byte[]? key = null, DateTimeOffset? at = null) =>
        HmacJwt.TryValidate(token, key ?? Key, at ?? Now, out _, out _);

    private static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void A_minted_token_validates_and_carries_its_claims()
    {
        var claims = Claims();

        Assert.True(HmacJwt.TryValidate(HmacJwt.Mint(Key, claims), Key, Now, out var read, out _));
        Assert.Equal(claims with { Scope = read.Scope }, read);
        Assert.Equal(["api.secrets"], read.Scope);
    }

    [Fact]
    public void Scope_is_always_a_json_array()
    {
        var payload = HmacJwt.Mint(Key, Claims()).Split('.')[1];
        var json = JsonDocument.Parse(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight((payload.Length + 3) / 4 * 4, '=')));

        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("scope").ValueKind);
    }

    [Fact]
    public void An_expired_token_is_refused_after_the_allowed_skew()
    {
        var token = HmacJwt.Mint(Key, Claims(Now.AddMinutes(1)));

        Assert.True(Validate(token, at: Now.AddMinutes(1).AddSeconds(20)));
        Assert.False(Validate(token, at: Now.AddMinutes(2)));
    }

    [Fact]
    public void A_token_not_valid_yet_is_refused() =>
        Assert.False(Validate(HmacJwt.Mint(Key, Claims() with { NotBefore = Now.AddMinutes(5) })));

    [Fact]
    public void Another_key_is_refused() => Assert.False(Validate(HmacJwt.Mint(Key, Claims()), RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public void Alg_none_is_refused()
    {
        var token = HmacJwt.Mint(Key, Claims()).Split('.');

        Assert.False(Validate(Part("""{"alg":"none","typ":"JWT"}""") + "." + token[1] + "."));
        Assert.False(Validate(Part("""{"alg":"none","typ":"JWT"}""") + "." + token[1] + "." + token[2]));
    }

    [Fact]
    public void An_altered_payload_is_refused()
    {
        var parts = HmacJwt.Mint(Key, Claims()).Split('.');
        var altered = Part("""{"sub":"admin"}""");

        Assert.False(Validate($"{parts[0]}.{altered}.{parts[2]}"));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!!.###.$$$")]
    [InlineData("")]
    public void Malformed_tokens_are_refused(string token) => Assert.False(Validate(token));

    [Fact]
    public void Random_mutations_never_validate_and_never_throw()
    {
        var token = HmacJwt.Mint(Key, Claims());
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var chars = token.ToCharArray();
            chars[random.Next(chars.Length)] = "abcXYZ019-_.="[random.Next(13)];
            var mutated = new string(chars);
            if (mutated != token) Assert.False(Validate(mutated));
        }
    }
}
