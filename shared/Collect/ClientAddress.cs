using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Pipeline.Collect;

/// <summary>The visitor's IP address: the socket's, or the one a trusted proxy header names.</summary>
public static class ClientAddress
{
    /// <param name="socket">The connection's remote address.</param>
    /// <param name="headerValue">The trusted proxy header's value, null when none is configured or it is absent.</param>
    /// <param name="hops">Proxies of ours that append to a list header: the address is that many entries from the right.</param>
    /// <returns>The address as text (IPv4-mapped IPv6 written as IPv4), or null when none is usable.</returns>
    public static string? Resolve(IPAddress? socket, string? headerValue, int hops)
    {
        if (!string.IsNullOrWhiteSpace(headerValue))
        {
            var entries = headerValue.Split(',', StringSplitOptions.TrimEntries);
            var index = entries.Length - Math.Max(1, hops);
            // A header shorter than our own proxy chain was not written by it: fall back to the socket.
            if (index >= 0 && Parse(entries[index]) is { } forwarded) return Format(forwarded);
        }
        return socket is null ? null : Format(socket);
    }

    /// <summary>The request's client address by the collector's proxy settings: the one rule every route uses.</summary>
    public static string? Of(HttpRequest request, CollectorOptions options)
    {
        var header = string.IsNullOrWhiteSpace(options.TrustedProxyHeader) ? null : request.Headers[options.TrustedProxyHeader].ToString();
        return Resolve(request.HttpContext.Connection.RemoteIpAddress, header, options.TrustedProxyHops);
    }

    public static bool IsIPv6(string? address) => address is not null && address.Contains(':');

    /// <summary>Reads <c>1.2.3.4</c>, <c>1.2.3.4:5678</c>, <c>2001:db8::1</c> and <c>[2001:db8::1]:443</c>.</summary>
    internal static IPAddress? Parse(string value)
    {
        var text = value.Trim().Trim('"');
        if (text.StartsWith('[') && text.IndexOf(']') is var close and > 0) text = text[1..close];
        else if (text.Count(c => c == ':') == 1) text = text[..text.IndexOf(':')];
        if (text.Length is 0 or > 64 || !IPAddress.TryParse(text, out var address)) return null;
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? address : null;
    }

    private static string Format(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        // A zone id (fe80::1%eth0) is local to this machine and means nothing to a platform.
        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes()).ToString()
            : address.ToString();
    }
}
