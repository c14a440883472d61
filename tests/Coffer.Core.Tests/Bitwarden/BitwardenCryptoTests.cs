using System.Text;
using Coffer.Core.Bitwarden;

namespace Coffer.Core.Tests.Bitwarden;

/// <summary>Bitwarden's crypto, pinned to the protocol spec's test vector (§4.6).</summary>
public class BitwardenCryptoTests
{
    private static readonly SymmetricKey OrgKey = SymmetricKey.FromBase64(TestVector.OrgKey);

    [Fact]
    public void The_sample_token_parses_into_its_parts()
    {
        var token = AccessToken.Parse(TestVector.Token);

        Assert.Equal(Guid.Parse(TestVector.ClientId), token.Id);
        Assert.Equal(TestVector.ClientSecret, token.ClientSecret);
        Assert.Equal(Convert.FromHexString(TestVector.SecretHex), token.EncryptionKey);
        Assert.Equal(TestVector.Token, token.ToString());
    }

    [Fact]
    public void The_token_key_is_derived_with_hkdf_as_the_sdk_asserts() =>
        Assert.Equal(TestVector.TokenKey, AccessToken.Parse(TestVector.Token).DeriveKey().ToBase64());

    [Fact]
    public void The_fake_servers_payload_opens_to_the_organization_key()
    {
        var tokenKey = AccessToken.Parse(TestVector.Token).DeriveKey();

        Assert.Equal(TestVector.OrgKey, EncryptedPayload.Open(tokenKey, TestVector.Payload).ToBase64());
    }

    [Fact]
    public void Every_sample_ciphertext_decrypts_to_its_plaintext()
    {
        foreach (var (cipher, plain) in TestVector.OrgCiphertexts)
            Assert.Equal(plain, EncString.DecryptToString(OrgKey, cipher));
    }

    [Fact]
    public void Encryption_with_a_fixed_iv_reproduces_the_deterministic_vectors_byte_for_byte()
    {
        var tokenKey = AccessToken.Parse(TestVector.Token).DeriveKey();

        Assert.Equal(TestVector.HelloUnderOrgKey, EncString.Encrypt(OrgKey, "hello"u8, TestVector.FixedIv));
        Assert.Equal(TestVector.EmptyUnderOrgKey, EncString.Encrypt(OrgKey, ""u8, TestVector.FixedIv));
        Assert.Equal(TestVector.PayloadWithFixedIv,
            EncString.Encrypt(tokenKey, Encoding.UTF8.GetBytes($$"""{"encryptionKey":"{{TestVector.OrgKey}}"}"""), TestVector.FixedIv));
    }

    [Fact]
    public void A_minted_payload_opens_with_the_tokens_key_only()
    {
        var token = AccessToken.Generate(Guid.NewGuid());
        var orgKey = SymmetricKey.Generate();

        var payload = EncryptedPayload.Create(token.DeriveKey(), orgKey);

        Assert.Equal(orgKey.ToBase64(), EncryptedPayload.Open(AccessToken.Parse(token.ToString()).DeriveKey(), payload).ToBase64());
        Assert.Throws<EncStringDecryptionException>(() => EncryptedPayload.Open(AccessToken.Generate(token.Id).DeriveKey(), payload));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Tampering_with_any_piece_fails_the_mac(int piece)
    {
        var pieces = TestVector.HelloUnderOrgKey[2..].Split('|');
        var bytes = Convert.FromBase64String(pieces[piece]);
        bytes[0] ^= 1;
        pieces[piece] = Convert.ToBase64String(bytes);

        Assert.Throws<EncStringDecryptionException>(() => EncString.Decrypt(OrgKey, "2." + string.Join('|', pieces)));
    }

    [Theory]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d.C2IgxjjLF7qSshsbwe8JGcbM075YXw", "doesn't contain a decryption key")]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d:X8vbvA0bduihIDe/qrzIQQ==", "wrong number of parts")]
    [InlineData("1.ec2c1d46-6a4b-4751-a310-af9601317f2d.secret:X8vbvA0bduihIDe/qrzIQQ==", "wrong version")]
    [InlineData("0.not-a-guid.secret:X8vbvA0bduihIDe/qrzIQQ==", "invalid identifier")]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d.secret:!!!", "not valid base64")]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d.secret:AAAA", "expected 16 bytes, got 3")]
    [InlineData("0.ec2c1d46-6a4b-4751-a310-af9601317f2d.:X8vbvA0bduihIDe/qrzIQQ==", "empty client secret")]
    public void A_malformed_access_token_names_the_wrong_part(string token, string reason)
    {
        var error = Assert.Throws<CofferFormatException>(() => AccessToken.Parse(token));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Unpadded_key_parts_are_accepted() =>
        Assert.Equal(16, AccessToken.Parse(TestVector.Token.TrimEnd('=')).EncryptionKey.Length);

    [Fact]
    public void Client_secrets_are_thirty_alphanumeric_characters()
    {
        var secret = ClientSecrets.Generate();

        Assert.Equal(30, secret.Length);
        Assert.True(secret.All(char.IsAsciiLetterOrDigit));
        Assert.NotEqual(secret, ClientSecrets.Generate());
    }

    [Theory]
    [InlineData("plain text", "expected '2.<iv>|<ciphertext>|<mac>'")]
    [InlineData("2.AAECAwQFBgcICQoLDA0ODw==|VwOEp2FzrWjURv+b52/5UA==", "expected 3")]
    [InlineData("2.AAEC|VwOEp2FzrWjURv+b52/5UA==|1umZ/+LMxKEMXByTbSvYPgaxmhSvVPnAZTv1B8V6gss=", "the IV is 3 bytes")]
    [InlineData("2.AAECAwQFBgcICQoLDA0ODw==|VwOE|1umZ/+LMxKEMXByTbSvYPgaxmhSvVPnAZTv1B8V6gss=", "not a whole number of AES blocks")]
    [InlineData("2.AAECAwQFBgcICQoLDA0ODw==|VwOEp2FzrWjURv+b52/5UA==|%%%", "piece 3 is not base64")]
    public void Malformed_encstrings_are_refused_with_the_reason(string value, string reason)
    {
        Assert.False(EncString.TryValidate(value, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Encstrings_of_types_0_1_and_2_pass_shape_validation()
    {
        Assert.True(EncString.IsWellFormed(TestVector.HelloUnderOrgKey));
        Assert.True(EncString.IsWellFormed("1.AAECAwQFBgcICQoLDA0ODw==|VwOEp2FzrWjURv+b52/5UA==|1umZ/+LMxKEMXByTbSvYPgaxmhSvVPnAZTv1B8V6gss="));
        Assert.True(EncString.IsWellFormed("0.AAECAwQFBgcICQoLDA0ODw==|VwOEp2FzrWjURv+b52/5UA=="));
    }

    [Fact]
    public void The_state_file_round_trips_and_refuses_another_tokens_key()
    {
        var token = AccessToken.Generate(Guid.NewGuid());
        var sealedState = StateFile.Seal(token.DeriveKey(), "a.b.c", OrgKey);

        Assert.Equal("a.b.c", StateFile.Open(token.DeriveKey(), sealedState)!.Jwt);
        Assert.Null(StateFile.Open(AccessToken.Generate(token.Id).DeriveKey(), sealedState));
    }
}
