using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Coffer.Core.Network;

/// <summary>
/// An IP network in CIDR form (`192.168.1.0/24`, `fe80::/64`). Parsing is strict — dotted-quad IPv4 only
/// (no `127.1` or hex forms), no zone ids, a prefix of at most 32 or 128 without leading zeros — and
/// clears host bits, so <see cref="ToString"/> is the normalized form. A bare address is a /32 or /128.
/// IPv4-mapped IPv6 addresses (how dual-stack sockets report IPv4 peers) count as IPv4.
/// </summary>
public readonly record struct CidrBlock
{
    private readonly UInt128 _network;
    private readonly UInt128 _mask;

    private CidrBlock(AddressFamily family, UInt128 network, int prefix)
    {
        Family = family;
        Prefix = prefix;
        var width = family == AddressFamily.InterNetwork ? 32 : 128;
        _mask = prefix == 0 ? UInt128.Zero : (UInt128.MaxValue << (width - prefix)) & (family == AddressFamily.InterNetwork ? (UInt128)uint.MaxValue : UInt128.MaxValue);
        _network = network & _mask;
    }

    public AddressFamily Family { get; }
    public int Prefix { get; }

    public static CidrBlock Parse(string text) =>
        TryParse(text, out var block, out var error) ? block : throw new CofferFormatException(error);

    public static bool TryParse(string? text, out CidrBlock block, out string error)
    {
        block = default;
        error = $"'{text}' is not an address with prefix length, such as 192.168.1.0/24 or fe80::/64";
        if (string.IsNullOrEmpty(text) || text.Any(char.IsWhiteSpace) || text.Contains('%')) return false;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        int? prefix = null;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit) || (prefixText.Length > 1 && prefixText[0] == '0')) return false;
            prefix = int.Parse(prefixText, CultureInfo.InvariantCulture);
        }
        if (!TryParseAddress(addressText, out var address)) return false;
        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > width)
        {
            error = $"'{text}': the prefix length of an IPv{(width == 32 ? 4 : 6)} network is at most {width}";
            return false;
        }
        block = new CidrBlock(address.AddressFamily, ToNumber(address), prefix ?? width);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily == Family && (ToNumber(address) & _mask) == _network;
    }

    /// <summary>True when every address of this block is also in <paramref name="other"/>.</summary>
    public bool IsWithin(CidrBlock other) =>
        Family == other.Family && Prefix >= other.Prefix && (_network & other._mask) == other._network;

    public override string ToString()
    {
        IPAddress address;
        if (Family == AddressFamily.InterNetwork) address = new IPAddress(BinaryPrimitives.ReverseEndianness((uint)_network));
        else
        {
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt128BigEndian(bytes, _network);
            address = new IPAddress(bytes);
        }
        return $"{address}/{Prefix}";
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains(':')) return IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0') || int.Parse(part, CultureInfo.InvariantCulture) > 255)
                return false;
        return IPAddress.TryParse(text, out address!);
    }

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
