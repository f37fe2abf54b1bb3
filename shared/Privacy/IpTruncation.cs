using System.Net;
using System.Net.Sockets;

namespace Pipeline.Privacy;

/// <summary>Cuts an IP address to its network: IPv4 to /24, IPv6 to /48. Pure.</summary>
public static class IpTruncation
{
    /// <summary>The truncated address; null when the text is not an IP address (it should then be dropped).</summary>
    public static string? Truncate(string? ip)
    {
        if (string.IsNullOrWhiteSpace(ip) || !IPAddress.TryParse(ip.Trim(), out var address)) return null;
        // The parser also takes legacy forms ("10.1" = 10.0.0.1); an address we were given is dotted-quad or IPv6.
        if (address.AddressFamily == AddressFamily.InterNetwork && ip.Count(c => c == '.') != 3) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        for (var i = keep; i < bytes.Length; i++) bytes[i] = 0;
        return new IPAddress(bytes).ToString();
    }
}
