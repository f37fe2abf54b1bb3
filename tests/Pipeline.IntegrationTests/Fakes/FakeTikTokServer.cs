using System.Text.Json;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>
/// Fake TikTok Events API: accepts <c>POST /open_api/{version}/event/track/</c>, demands the configured
/// <c>Access-Token</c> header (else code 40105, HTTP 200 as TikTok does) and answers code 0.
/// </summary>
public sealed class FakeTikTokServer : FakePlatformServer
{
    private int requestIds;

    private FakeTikTokServer(string accessToken) => AccessToken = accessToken;

    /// <summary>The token requests must carry.</summary>
    public string AccessToken { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeTikTokServer> StartAsync(string accessToken = "tiktok-test-token", CancellationToken cancellationToken = default)
    {
        var server = new FakeTikTokServer(accessToken);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>TikTok's answer body for a code, in its documented shape.</summary>
    public static string AnswerBody(int code, string message, string requestId = "FakeRequest") =>
        JsonSerializer.Serialize(new { code, message, request_id = requestId, data = new { } });

    protected override FakeAnswer? RejectCredentials(ReceivedRequest request) =>
        request.Headers.TryGetValue("Access-Token", out var token) && token == AccessToken
            ? null
            : new FakeAnswer(200, AnswerBody(40105, "Access token is incorrect or has been revoked.", NextRequestId()));

    protected override FakeAnswer Success(ReceivedRequest request) => new(200, AnswerBody(0, "OK", NextRequestId()));

    public override IReadOnlyList<string?> EventIds(ReceivedRequest request) => BatchBody.Strings(request.Body, "data", "event_id");

    // TikTok answers 200 with code 40002 (invalid parameter) for the whole request when one event is invalid.
    protected override FakeAnswer RejectBatch(string eventId, int index) =>
        new(200, AnswerBody(40002, $"Invalid value for data[{index}] (event {eventId})", NextRequestId()));

    private string NextRequestId() => $"FakeRequest{Interlocked.Increment(ref requestIds)}";
}
