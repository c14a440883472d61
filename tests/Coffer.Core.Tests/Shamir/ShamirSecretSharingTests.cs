using System.Security.Cryptography;
using Coffer.Core.Shamir;

namespace Coffer.Core.Tests.Shamir;

public class ShamirSecretSharingTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(255, 255)]
    public void Any_threshold_sized_subset_rebuilds_the_secret(int shares, int threshold)
    {
        var parts = ShamirSecretSharing.Split(Key, shares, threshold);

        var subset = parts.OrderBy(_ => RandomNumberGenerator.GetInt32(1000)).Take(threshold).ToList();

        Assert.Equal(Key, ShamirSecretSharing.Combine(subset));
    }

    [Fact]
    public void A_share_is_the_secret_length_plus_its_x_byte()
    {
        var parts = ShamirSecretSharing.Split(Key, 5, 3);

        Assert.All(parts, p => Assert.Equal(33, p.Length));
        Assert.Equal(5, parts.Select(p => p[32]).Distinct().Count());
        Assert.DoesNotContain(parts, p => p[32] == 0);
    }

    [Fact]
    public void Fewer_shares_than_the_threshold_do_not_rebuild_the_secret()
    {
        var parts = ShamirSecretSharing.Split(Key, 5, 3);

        Assert.NotEqual(Key, ShamirSecretSharing.Combine(parts.Take(2).ToList()));
    }

    [Fact]
    public void Splitting_twice_gives_different_shares()
    {
        Assert.NotEqual(ShamirSecretSharing.Split(Key, 3, 2)[0], ShamirSecretSharing.Split(Key, 3, 2)[0]);
    }

    [Theory]
    [InlineData(0, 1, "secret-shares must be at least 1")]
    [InlineData(256, 3, "secret-shares must be at most 255")]
    [InlineData(3, 0, "secret-threshold must be at least 1")]
    [InlineData(3, 4, "secret-threshold cannot be larger than secret-shares")]
    [InlineData(3, 1, "secret-threshold must be at least 2")]
    public void Invalid_share_parameters_are_refused_with_a_reason(int shares, int threshold, string message)
    {
        var error = Assert.Throws<CofferFormatException>(() => ShamirSecretSharing.Split(Key, shares, threshold));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Shares_of_different_lengths_are_refused()
    {
        var a = ShamirSecretSharing.Split(Key, 2, 2);
        var b = ShamirSecretSharing.Split(new byte[16], 2, 2);

        Assert.Throws<CofferFormatException>(() => ShamirSecretSharing.Combine([a[0], b[1]]));
    }

    [Fact]
    public void Two_shares_with_the_same_x_are_refused()
    {
        var parts = ShamirSecretSharing.Split(Key, 3, 2);
        var forged = (byte[])parts[1].Clone();
        forged[32] = parts[0][32];

        var error = Assert.Throws<CofferFormatException>(() => ShamirSecretSharing.Combine([parts[0], forged]));
        Assert.Contains("same x coordinate", error.Message);
    }

    [Fact]
    public void Field_inverse_undoes_multiplication_for_every_nonzero_byte()
    {
        for (var a = 1; a < 256; a++)
            Assert.Equal(1, GaloisField256.Multiply((byte)a, GaloisField256.Inverse((byte)a)));
    }
}

