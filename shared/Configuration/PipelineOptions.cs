namespace Pipeline.Configuration;

/// <summary>
/// The pipeline's settings, bound from the <c>Pipeline</c> section (app settings <c>Pipeline__*</c> under both hosts).
/// Every default is written here once.
/// </summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Queue of canonical events waiting to be matched.</summary>
    public string EventsQueue { get; set; } = "events";

    /// <summary>Queue of matched events (and retries) waiting to be sent.</summary>
    public string DeliveriesQueue { get; set; } = "deliveries";

    /// <summary>Prepended to every table name (letters and digits only), so several deployments can share an account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Comma-separated keys accepted in the <c>x-api-key</c> header of the server API (several, for rotation).</summary>
    public string ApiKeys { get; set; } = "";

    /// <summary>Comma-separated keys accepted in the <c>x-operator-key</c> header of operator endpoints (replay). Empty: they answer 401.</summary>
    public string OperatorKeys { get; set; } = "";

    /// <summary>Largest request body accepted by the HTTP endpoints; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Most events accepted in one server API request.</summary>
    public int MaxEventsPerRequest { get; set; } = 100;

    /// <summary>Region used to read phone numbers written without a country code (ISO-3166 alpha-2).</summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>Where events go. Empty: one <c>outbox</c> destination that records what would be sent.</summary>
    public List<DestinationOptions> Destinations { get; set; } = [];

    /// <summary>Retry policy for transient platform errors.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Pausing a destination whose credentials were rejected.</summary>
    public CircuitOptions Circuit { get; set; } = new();

    /// <summary>How long a send, a hand-off or an ingest claim holds its row.</summary>
    public LeaseOptions Leases { get; set; } = new();

    /// <summary>Batching of deliveries per destination.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    public IReadOnlyList<string> ApiKeyList() => SplitKeys(ApiKeys);

    public IReadOnlyList<string> OperatorKeyList() => SplitKeys(OperatorKeys);

    private static string[] SplitKeys(string keys) =>
        keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Exponential backoff for transient delivery failures.</summary>
public sealed class RetryOptions
{
    /// <summary>Delay before the first retry.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Ceiling of one delay (a queue message can be hidden at most 7 days).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Attempts before a delivery is dead-lettered, whatever the platform's age limit.</summary>
    public int MaxAttempts { get; set; } = 12;
}
