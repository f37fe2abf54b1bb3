using System.Text.Json;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>
/// Fake Snapchat Conversions API v3: accepts <c>POST /v3/{pixel}/events</c> (and <c>/events/validate</c>), demands
/// the configured <c>access_token</c> query parameter (else HTTP 401) and answers <c>{"status":"VALID"}</c>.
/// </summary>
public sealed class FakeSnapchatServer : FakePlatformServer
{
    private FakeSnapchatServer(string accessToken) => AccessToken = accessToken;

    /// <summary>The token requests must carry.</summary>
    public string AccessToken { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeSnapchatServer> StartAsync(string accessToken = "snap-test-token", CancellationToken cancellationToken = default)
    {
        var server = new FakeSnapchatServer(accessToken);
        await server.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>Snap's answer body: a status (<c>VALID</c>, <c>INVALID</c>) and a reason.</summary>
    public static string AnswerBody(string status, string reason = "") => JsonSerializer.Serialize(new { status, reason });

    protected override FakeAnswer? RejectCredentials(ReceivedRequest request) =>
        request.QueryParameter("access_token") == AccessToken ? null : new FakeAnswer(401, AnswerBody("INVALID", "invalid access token"));

    protected override FakeAnswer Success(ReceivedRequest request) => new(200, AnswerBody("VALID"));

    public override IReadOnlyList<string?> EventIds(ReceivedRequest request) => BatchBody.Strings(request.Body, "data", "event_id");

    // Snap refuses the request for an invalid event with HTTP 400.
    protected override FakeAnswer RejectBatch(string eventId, int index) =>
        new(400, AnswerBody("INVALID", $"invalid data[{index}] (event {eventId})"));
}
