using Pipeline.Identity;

namespace Pipeline.Match;

/// <summary>
/// The external id sent when the event brings none of its own: the SHA-256 (lowercase hex) of the primary visitor id,
/// trimmed and lowercased. The browser snippet computes the same hash from the same cookie and passes it as
/// <c>external_id</c> to every pixel, so every channel (pixels, Conversions API, Events API, GA4 user id) carries
/// one value for one browser.
/// </summary>
public static class ExternalIds
{
    public static string FromVisitorId(string visitorId) =>
        UserDataHasher.Sha256Hex(visitorId.Trim().ToLowerInvariant());

    /// <summary>The hash as every platform reads it: already hashed, so no platform re-normalizes it.</summary>
    public static HashVariants Variants(string visitorId) => new() { [HashRules.PreHashed] = FromVisitorId(visitorId) };
}
