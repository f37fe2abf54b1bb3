using Pipeline.Destinations.Http;

namespace Pipeline.Destinations.Platform;

/// <summary>One configured account of a platform, as its requests need it.</summary>
/// <param name="Settings">The destination's settings, bound and checked.</param>
/// <param name="Session">What <see cref="AdPlatform{TSettings}.Connect"/> made for the account (null in outbox mode or when the platform keeps nothing).</param>
/// <param name="Http">The HTTP path every platform shares.</param>
/// <param name="Timeout">How long one attempt waits for the platform's answer.</param>
/// <param name="Time">The clock answers are read against.</param>
public sealed record PlatformAccount<TSettings>(
    TSettings Settings, object? Session, PlatformHttpClient Http, TimeSpan Timeout, TimeProvider Time);
