using System.Globalization;
using System.Net;

namespace Coffer.Server.Configuration;

public static class ListenAddressParser
{
    /// <summary>Parses ADDR:PORT, [IPv6]:PORT or localhost:PORT; port 0 asks the OS for a free port.</summary>
    public static bool TryParse(string text, out ListenAddress address, out string error)
    {
        address = null!;
        error = $"'{text}' is not ADDR:PORT (for example 127.0.0.1:8200, [::1]:8200 or 0.0.0.0:8200)";
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        var host = text[..colon];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)) return false;
        if (port > 65535)
        {
            error = $"'{text}': port {port} is above 65535";
            return false;
        }
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        else if (host.Contains(':')) return false; // IPv6 needs brackets, or the port is ambiguous
        IPAddress? ip = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : null;
        if (ip is null && !IPAddress.TryParse(host, out ip)) return false;
        address = new ListenAddress(ip, port, text);
        return true;
    }
}
