using System.Text.Json;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>
/// Fake Meta Conversions API: accepts <c>POST /{version}/{pixel}/events</c>, demands the configured
/// <c>access_token</c> query parameter (else error 190, HTTP 400) and answers <c>events_received</c> = data length.
/// </summary>
public sealed class FakeMetaServer : FakePlatformServer
{
    private int traces;

    private FakeMetaServer(string accessToken) => AccessToken = accessToken;

    /// <summary>The token requests must carry.</summary>
    public string AccessToken { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeMetaServer> StartAsync(string accessToken = "meta-test-token", CancellationToken cancellationToken = default)
    {
        var server = new FakeMetaServer(accessToken);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Meta's error body for a code, in its documented shape.</summary>
    public static string ErrorBody(int code, string message, int? subcode = null, bool isTransient = false, string fbtraceId = "FakeTrace") =>
        JsonSerializer.Serialize(new
        {
            error = new
            {
                message,
                type = "OAuthException",
                code,
                error_subcode = subcode,
                is_transient = isTransient,
                fbtrace_id = fbtraceId,
            },
        });

    protected override FakeAnswer? RejectCredentials(ReceivedRequest request) =>
        request.QueryParameter("access_token") == AccessToken
            ? null
            : new FakeAnswer(400, ErrorBody(190, "Invalid OAuth access token - Cannot parse access token", fbtraceId: NextTrace()));

    protected override FakeAnswer Success(ReceivedRequest request) =>
        new(200, JsonSerializer.Serialize(new { events_received = DataLength(request.Body), messages = Array.Empty<string>(), fbtrace_id = NextTrace() }));

    public override IReadOnlyList<string?> EventIds(ReceivedRequest request) => BatchBody.Strings(request.Body, "data", "event_id");

    // Meta refuses the whole request for one invalid event (here: a malformed fbc) and names its index.
    protected override FakeAnswer RejectBatch(string eventId, int index) =>
        new(400, ErrorBody(100, $"Invalid parameter: data[{index}] (event {eventId})", subcode: 2804001, fbtraceId: NextTrace()));

    private string NextTrace() => $"FakeTrace{Interlocked.Increment(ref traces)}";

    private static int DataLength(string body) => BatchBody.Items(body, "data").Count;
}
