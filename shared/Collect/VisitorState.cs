using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Collect;

/// <summary>
/// What the collector last wrote for one browser, as short digests kept in an HttpOnly cookie: a hit whose every
/// digest matches carries nothing new and is not written, with no table read on the hot path. Digests cover groups of
/// values (each platform id, consent, network, day, clicks, identities, links) so a body that lacks a group (no
/// consent item, or an fbc the server built and the browser never had) leaves that group's digest as it was.
/// </summary>
public sealed record VisitorState
{
    /// <summary>Groups, in the order they appear in the cookie.</summary>
    public static readonly IReadOnlyList<string> Groups = ["fbp", "fbc", "ttp", "ga", "gas", "cs", "net", "day", "clk", "idn", "lnk"];

    private const string Version = "1";
    private const int TagLength = 5;

    /// <summary>Digest of the visitor id the other digests belong to.</summary>
    public required string VisitorTag { get; init; }

    /// <summary>Ads consent was granted and recorded for this visitor (lets later bodies in consent regions through).</summary>
    public bool ConsentGranted { get; init; }

    /// <summary>The profile holds an IPv6 address, which is kept over a later IPv4 one (platforms match IPv6 better).</summary>
    public bool IPv6Stored { get; init; }

    /// <summary>The visitor id was given out, but nothing was stored for it yet: its hits so far were bare.</summary>
    public bool Pending { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A digest of a group's values for a visitor; null values count as empty.</summary>
    public static string Tag(string group, string visitorId, params string?[] values)
    {
        var text = group + "\u001e" + visitorId + "\u001e" + string.Join('\u001f', values.Select(v => v ?? ""));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToBase64String(hash, 0, 6).Replace('+', '-').Replace('/', '_')[..TagLength];
    }

    public static string VisitorTagOf(string visitorId) => Tag("vid", visitorId);

    public bool Matches(string group, string tag) => Tags.TryGetValue(group, out var stored) && stored == tag;

    /// <summary><c>1.{vid}.{flags}.{fbp}.{fbc}.…</c> in the order of <see cref="Groups"/>, absent groups empty.</summary>
    public string Format()
    {
        var flags = (ConsentGranted ? "g" : "") + (IPv6Stored ? "6" : "") + (Pending ? "p" : "");
        return string.Join('.', new[] { Version, VisitorTag, flags.Length == 0 ? "-" : flags }
            .Concat(Groups.Select(g => Tags.TryGetValue(g, out var t) ? t : "")));
    }

    /// <summary>The state in a cookie value, or null when it is absent or not one we wrote.</summary>
    public static VisitorState? Parse(string? cookie)
    {
        var parts = cookie?.Split('.');
        if (parts is null || parts.Length != 3 + Groups.Count || parts[0] != Version || !IsTag(parts[1])) return null;
        if (parts[2] != "-" && !parts[2].All(c => c is 'g' or '6' or 'p')) return null;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Groups.Count; i++)
        {
            var tag = parts[3 + i];
            if (tag.Length == 0) continue;
            if (!IsTag(tag)) return null;
            tags[Groups[i]] = tag;
        }
        return new VisitorState
        {
            VisitorTag = parts[1], ConsentGranted = parts[2].Contains('g'), IPv6Stored = parts[2].Contains('6'),
            Pending = parts[2].Contains('p'), Tags = tags,
        };
    }

    private static bool IsTag(string value) =>
        value.Length == TagLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
