using System.Security.Cryptography;
using System.Text;
using Coffer.Core.Barrier;

namespace Coffer.Core.Tests.Barrier;

public class KeyringTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("hunter2");

    [Fact]
    public void A_value_decrypts_under_the_context_it_was_written_with()
    {
        var keyring = Keyring.Create(Now, []);

        var sealedValue = keyring.Encrypt(Secret, "tokens/meta/a");

        Assert.Equal(Secret, keyring.Decrypt(sealedValue, "tokens/meta/a"));
        Assert.Throws<BarrierException>(() => keyring.Decrypt(sealedValue, "tokens/meta/b"));
    }

    [Fact]
    public void Ciphertext_does_not_contain_the_plaintext_and_differs_each_time()
    {
        var keyring = Keyring.Create(Now, []);

        var first = keyring.Encrypt(Secret, "c");
        var second = keyring.Encrypt(Secret, "c");

        Assert.NotEqual(first, second);
        Assert.Equal(-1, first.AsSpan().IndexOf(Secret));
    }

    [Fact]
    public void A_flipped_bit_is_detected()
    {
        var keyring = Keyring.Create(Now, []);
        var sealedValue = keyring.Encrypt(Secret, "c");
        sealedValue[^1] ^= 1;

        Assert.Throws<BarrierException>(() => keyring.Decrypt(sealedValue, "c"));
    }

    [Fact]
    public void After_rotation_new_values_use_the_new_term_and_old_values_still_decrypt()
    {
        var keyring = Keyring.Create(Now, []);
        var old = keyring.Encrypt(Secret, "c");

        var rotated = keyring.Rotate(Now.AddDays(1));
        var fresh = rotated.Encrypt(Secret, "c");

        Assert.Equal(2u, rotated.ActiveTerm);
        Assert.Equal(2u, BarrierCipher.ReadTerm(fresh));
        Assert.Equal(Secret, rotated.Decrypt(old, "c"));
        Assert.Throws<BarrierException>(() => keyring.Decrypt(fresh, "c"));
    }

    [Fact]
    public void Only_the_root_key_that_sealed_the_keyring_opens_it()
    {
        var rootKey = RandomNumberGenerator.GetBytes(32);
        var keyring = Keyring.Create(Now, ["token-hmac"]).Rotate(Now.AddDays(3));
        var sealedKeyring = keyring.SealWithRootKey(rootKey);

        Assert.False(Keyring.TryOpenWithRootKey(sealedKeyring, RandomNumberGenerator.GetBytes(32), out _));
        Assert.True(Keyring.TryOpenWithRootKey(sealedKeyring, rootKey, out var opened));
        Assert.Equal(keyring.ActiveTerm, opened.ActiveTerm);
        Assert.Equal(keyring.Secret("token-hmac").ToArray(), opened.Secret("token-hmac").ToArray());
        Assert.Equal(Now.AddDays(3), opened.Terms.Single(t => t.Term == 2).Installed);
        Assert.Equal(Secret, opened.Decrypt(keyring.Encrypt(Secret, "c"), "c"));
    }

    [Fact]
    public void Missing_named_secrets_are_added_and_existing_ones_are_kept()
    {
        var keyring = Keyring.Create(Now, ["a"]);

        var grown = keyring.WithSecrets(["a", "b"]);

        Assert.Equal(keyring.Secret("a").ToArray(), grown.Secret("a").ToArray());
        Assert.Equal(32, grown.Secret("b").Length);
        Assert.Same(grown, grown.WithSecrets(["b"]));
    }

    [Fact]
    public void Asking_for_an_unknown_secret_names_it()
    {
        var error = Assert.Throws<BarrierException>(() => Keyring.Create(Now, []).Secret("jwt-signing"));
        Assert.Contains("jwt-signing", error.Message);
    }
}
