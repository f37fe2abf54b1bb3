using Pipeline.Destinations.Batching;

namespace Pipeline.Destinations.Platform;

/// <summary>
/// What makes an ad platform itself: its settings rules, its event checks, its requests and how it answers. The
/// shell does the rest for every platform alike: binding and checking settings (<see cref="PlatformDestinationFactory{TSettings}"/>),
/// batching, outbox and test modes and the age limit the settings give (<see cref="PlatformDestination{TSettings}"/>,
/// <see cref="IPlatformSettings.AgeLimit"/>). One instance
/// serves every destination of its type, so it holds no state; what one account needs is in its <see cref="PlatformAccount{TSettings}"/>.
/// </summary>
/// <param name="type">The <c>Type</c> destinations of this platform are configured with (e.g. <c>meta</c>).</param>
/// <param name="maxBatchSize">The platform's limit of events per request.</param>
public abstract class AdPlatform<TSettings>(string type, int maxBatchSize) where TSettings : class, IPlatformSettings, new()
{
    public string Type => type;

    public int MaxBatchSize => maxBatchSize;

    /// <summary>Settings given flat as <c>Name=Value,…</c> pairs (see <see cref="DestinationSettingsBinder"/>).</summary>
    public virtual string[] MapSettings => [];

    /// <summary>Settings no destination can do without, whatever its mode.</summary>
    public virtual IEnumerable<(string? Value, string Setting)> Required(TSettings settings) => [];

    /// <summary>Credentials: required unless the mode is outbox, where nothing is sent.</summary>
    public virtual IEnumerable<(string? Value, string Setting)> Credentials(TSettings settings) => [];

    /// <summary>What the platform's test mode needs (a test event code); required when the mode is test.</summary>
    public virtual IEnumerable<(string? Value, string Setting)> TestModeNeeds(TSettings settings) => [];

    /// <summary>The platform's own rules across settings (one of several ids, id formats); problems go to the binder.</summary>
    public virtual void Check(TSettings settings, DestinationSettingsBinder binder)
    {
    }

    /// <summary>
    /// What one account keeps between requests besides its settings (Google Ads: its cached OAuth token), made once
    /// when the destination is created and not in outbox mode; problems go to the binder. Null when nothing is kept.
    /// </summary>
    public virtual object? Connect(TSettings settings, DestinationSettingsBinder binder) => null;

    /// <summary>Extra batch key parts: what must agree across one request (GA4: the client id), or null.</summary>
    public virtual string? BatchKey(PreparedEvent e, TSettings settings) => null;

    /// <summary>Why the event cannot go (Skipped or Permanent), or null when it may join a request.</summary>
    public abstract DeliveryOutcome? Refusal(PreparedEvent e, TSettings settings, DateTimeOffset now);

    /// <summary>The request for events that agree on their batch key, as recorded in outbox mode.</summary>
    public abstract OutgoingRequest BuildForOutbox(IReadOnlyList<PreparedEvent> events, TSettings settings);

    /// <summary>Sends one request for the events and reads the platform's answer per event.</summary>
    public abstract Task<BatchAnswer> ExchangeAsync(
        IReadOnlyList<PreparedEvent> events, PlatformAccount<TSettings> account, CancellationToken cancellationToken);

    /// <summary>A platform's note on a test delivery (validate-only, debug endpoint, test code).</summary>
    public virtual DeliveryOutcome Annotate(DeliveryOutcome outcome, PreparedEvent e, TSettings settings) => outcome;
}
