using System.Net;
using Coffer.Core.Network;

namespace Coffer.Core.Tests.Network;

public class CidrBlockTests
{
    [Theory]
    [InlineData("192.168.1.0/24", "192.168.1.0/24")]
    [InlineData("192.168.1.77/24", "192.168.1.0/24")]
    [InlineData("10.1.2.3", "10.1.2.3/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("fe80::42:b6ff:feff:2f3/64", "fe80::/64")]
    [InlineData("FE80::1", "fe80::1/128")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    public void Host_bits_are_cleared_and_the_form_normalized(string text, string normalized) =>
        Assert.Equal(normalized, CidrBlock.Parse(text).ToString());

    [Theory]
    [InlineData("192.168.1.0/33", "at most 32")]
    [InlineData("fe80::/129", "at most 128")]
    [InlineData("300.1.1.1/8", "'300.1.1.1/8' is not")]
    [InlineData("10.0.0.0/8/8", "is not")]
    [InlineData("10.0.0.0/", "is not")]
    [InlineData("/8", "is not")]
    [InlineData("10.0.0.0/08", "is not")]
    [InlineData("10.0.0.0/-1", "is not")]
    [InlineData(" 10.0.0.0/8", "is not")]
    [InlineData("fe80::1%eth0/64", "is not")]
    [InlineData("127.1", "is not")]
    [InlineData("0x7f.0.0.1", "is not")]
    [InlineData("010.0.0.1", "is not")]
    [InlineData("", "is not")]
    public void Malformed_blocks_are_refused_naming_the_entry(string text, string reason)
    {
        var error = Assert.Throws<CofferFormatException>(() => CidrBlock.Parse(text));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void An_ipv4_block_contains_its_addresses_also_when_seen_as_ipv4_mapped_ipv6()
    {
        var block = CidrBlock.Parse("192.168.1.0/24");

        Assert.True(block.Contains(IPAddress.Parse("192.168.1.200")));
        Assert.True(block.Contains(IPAddress.Parse("::ffff:192.168.1.7")));
        Assert.False(block.Contains(IPAddress.Parse("192.168.2.1")));
        Assert.False(block.Contains(IPAddress.Parse("127.0.0.1")));
        Assert.False(block.Contains(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void An_ipv6_block_contains_only_ipv6_addresses()
    {
        var block = CidrBlock.Parse("fe80::/64");

        Assert.True(block.Contains(IPAddress.Parse("fe80::1234")));
        Assert.False(block.Contains(IPAddress.Parse("fe81::1")));
        Assert.False(block.Contains(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void A_zero_prefix_contains_every_address_of_its_family()
    {
        Assert.True(CidrBlock.Parse("0.0.0.0/0").Contains(IPAddress.Parse("203.0.113.9")));
        Assert.True(CidrBlock.Parse("::/0").Contains(IPAddress.Parse("2001:db8::1")));
    }

    [Theory]
    [InlineData("192.168.1.0/25", "192.168.1.0/24", true)]
    [InlineData("192.168.1.0/24", "192.168.1.0/24", true)]
    [InlineData("192.168.0.0/16", "192.168.1.0/24", false)]
    [InlineData("10.0.0.0/8", "192.168.0.0/16", false)]
    [InlineData("fe80::/80", "fe80::/64", true)]
    [InlineData("10.0.0.0/8", "::/0", false)]
    public void A_block_is_within_another_only_when_all_its_addresses_are(string inner, string outer, bool within) =>
        Assert.Equal(within, CidrBlock.Parse(inner).IsWithin(CidrBlock.Parse(outer)));

    [Fact]
    public void A_list_names_its_bad_entry_by_position()
    {
        var error = Assert.Throws<CofferFormatException>(() => CidrList.Parse(["10.0.0.0/8", "1.2.3.4/40"], "bound-cidrs"));
        Assert.StartsWith("bound-cidrs[1]:", error.Message);
    }

    [Theory]
    [InlineData("10.1.2.3", "10.1.2.3/32")]
    [InlineData("fe80::1", "fe80::1/128")]
    public void A_list_entry_must_spell_out_its_prefix(string bare, string suggested)
    {
        var error = Assert.Throws<CofferFormatException>(() => CidrList.Parse(["10.0.0.0/8", bare], "bound-cidrs"));
        Assert.Equal($"bound-cidrs[1]: '{bare}' has no prefix length: write {suggested} for one address", error.Message);
    }

    [Fact]
    public void A_child_list_must_lie_inside_the_parent_list()
    {
        var parent = CidrList.Parse(["10.0.0.0/8", "192.168.1.0/24"], "p");

        Assert.True(CidrList.AllWithin(CidrList.Parse(["10.1.0.0/16", "192.168.1.5/32"], "c"), parent));
        Assert.False(CidrList.AllWithin(CidrList.Parse(["10.1.0.0/16", "172.16.0.0/12"], "c"), parent));
    }
}
