using Pipeline.Destinations;
using Pipeline.Destinations.Batching;
using Pipeline.Destinations.Platform;

namespace Pipeline.UnitTests.Destinations.Platform;

/// <summary>Settings of the smallest platform the shell takes.</summary>
public sealed class ExampleSettings : IPlatformSettings
{
    public string BaseUrl { get; set; } = "https://ads.example";
    public string AccountId { get; set; } = "";
    public string ApiKey { get; set; } = "";
    public string? TestCode { get; set; }
    public int MaxEventAgeDays { get; set; } = 7;

    public EventAgeLimit AgeLimit() => EventAgeLimit.Days(nameof(MaxEventAgeDays), MaxEventAgeDays, max: 30, "Example's limit");
}

/// <summary>The smallest platform: what it needs, which events it has, its request and its answer; the shell does the rest.</summary>
public sealed class ExamplePlatform() : WholeRequestPlatform<ExampleSettings>("example", maxBatchSize: 2)
{
    public static readonly EventNameMap Names = EventNameMap.SameNames("Purchase");

    public override IEnumerable<(string? Value, string Setting)> Required(ExampleSettings s) => [(s.AccountId, nameof(s.AccountId))];

    public override IEnumerable<(string? Value, string Setting)> Credentials(ExampleSettings s) => [(s.ApiKey, nameof(s.ApiKey))];

    public override IEnumerable<(string? Value, string Setting)> TestModeNeeds(ExampleSettings s) => [(s.TestCode, nameof(s.TestCode))];

    public override DeliveryOutcome? Refusal(PreparedEvent e, ExampleSettings s, DateTimeOffset now) =>
        Names.Resolve(e.Event, e.Target) is null ? DeliveryOutcome.Skipped($"Example has no event for {e.Event.EventName}") : null;

    public override OutgoingRequest Build(IReadOnlyList<PreparedEvent> events, ExampleSettings s) => new()
    {
        Url = $"{s.BaseUrl}/accounts/{s.AccountId}/events?key={s.ApiKey}",
        Body = string.Join(',', events.Select(e => Names.Resolve(e.Event, e.Target))),
        SecretQueryParameters = ["key"],
    };

    public override DeliveryOutcome Classify(
        int status, IReadOnlyDictionary<string, string> headers, string? body, int eventsSent, DateTimeOffset now) =>
        status == 200 ? DeliveryOutcome.Delivered("accepted") : DeliveryOutcome.Permanent($"HTTP {status}");
}
