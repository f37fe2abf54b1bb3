using System.Collections.Concurrent;
using System.Text.Json;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>
/// Fake Pinterest Conversions API v5: accepts <c>POST /v5/ad_accounts/{id}/events</c>, demands
/// <c>Authorization: Bearer</c> with the configured token (else HTTP 401, code 2) and answers 200 with one
/// <c>processed</c> status per event, in request order.
/// </summary>
public sealed class FakePinterestServer : FakePlatformServer
{
    private readonly ConcurrentDictionary<string, string> failedEvents = new(StringComparer.Ordinal);

    private FakePinterestServer(string accessToken) => AccessToken = accessToken;

    /// <summary>The conversion token requests must carry.</summary>
    public string AccessToken { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakePinterestServer> StartAsync(string accessToken = "pinterest-test-token", CancellationToken cancellationToken = default)
    {
        var server = new FakePinterestServer(accessToken);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Pinterest's error body for a code, in its documented shape.</summary>
    public static string ErrorBody(int code, string message) => JsonSerializer.Serialize(new { code, message });

    /// <summary>Pinterest's events answer: one status per event, <c>null</c> for processed, else the event's error message.</summary>
    public static string EventsBody(params string?[] errors) => JsonSerializer.Serialize(new
    {
        num_events_received = errors.Length,
        num_events_processed = errors.Count(e => e is null),
        events = errors.Select(e => new { status = e is null ? "processed" : "failed", error_message = e, warning_message = (string?)null }),
    });

    protected override FakeAnswer? RejectCredentials(ReceivedRequest request) =>
        request.Headers.TryGetValue("Authorization", out var value) && value == $"Bearer {AccessToken}"
            ? null
            : new FakeAnswer(401, ErrorBody(2, "Authentication failed."));

    /// <summary>
    /// From now on this event gets status <c>failed</c> with <paramref name="errorMessage"/> in whatever request
    /// carries it, and the request is answered 422 (a partial failure): the events beside it are processed.
    /// </summary>
    public void FailEvent(string eventId, string errorMessage) => failedEvents[eventId] = errorMessage;

    protected override FakeAnswer Success(ReceivedRequest request)
    {
        var errors = EventIds(request).Select(id => id is not null && failedEvents.TryGetValue(id, out var e) ? e : null).ToArray();
        return new(errors.Any(e => e is not null) ? 422 : 200, EventsBody(errors));
    }

    public override IReadOnlyList<string?> EventIds(ReceivedRequest request) => BatchBody.Strings(request.Body, "data", "event_id");

    // A malformed event makes Pinterest refuse the whole request with 400, code 4196 (invalid parameters).
    protected override FakeAnswer RejectBatch(string eventId, int index) =>
        new(400, ErrorBody(4196, $"Invalid parameters: data[{index}] (event {eventId})"));
}
