namespace Pipeline.Destinations.Http;

/// <summary>What came back from a platform: its answer, or why none came (timeout, connection failure).</summary>
/// <param name="Status">HTTP status; 0 when no answer arrived.</param>
/// <param name="Headers">Response and content headers, case-insensitive names, repeated values joined with commas.</param>
/// <param name="Body">Response body as text (empty when none).</param>
/// <param name="TransportError">Why no answer arrived, or null when one did.</param>
public sealed record PlatformResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, string? TransportError)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    public static PlatformResponse Answered(int status, IReadOnlyDictionary<string, string> headers, string body) =>
        new(status, headers, body, null);

    public static PlatformResponse Failed(string reason) => new(0, NoHeaders, "", reason);

    /// <summary>No answer means the platform never saw (or never finished) the request: always worth another try.</summary>
    public DeliveryOutcome? TransportOutcome =>
        TransportError is null ? null : DeliveryOutcome.Retry(TransportError);
}
