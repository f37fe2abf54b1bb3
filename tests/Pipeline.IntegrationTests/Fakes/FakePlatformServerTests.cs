using System.Text;
using Pipeline.Destinations;
using Pipeline.Destinations.Meta;
using Pipeline.Destinations.TikTok;
using Pipeline.Events;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>The fakes answer real builder requests the way the platforms do, so the classifiers read them alike.</summary>
public class FakePlatformServerTests
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 12, 5, 0, TimeSpan.Zero);

    private static readonly CanonicalEvent Lead = new()
    {
        EventName = "Lead",
        EventTime = 1788264000,
        EventId = "lead_1",
        ActionSource = "website",
        EventSourceUrl = "https://shop.example/contact",
        ClientIpAddress = "203.0.113.7",
        ClientUserAgent = "Mozilla/5.0",
    };

    private static readonly DeliveryTarget Target = new() { Destination = "fake" };

    [Fact]
    public async Task Meta_fake_records_the_request_and_confirms_every_event()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        var request = MetaRequestBuilder.Build([(Lead, Target), (Lead with { EventId = "lead_2" }, Target)], MetaSettingsFor(meta, meta.AccessToken));

        var (status, headers, body) = await SendAsync(request);

        Assert.Equal(DeliveryOutcomeKind.Delivered, MetaAnswerClassifier.Classify(status, headers, body, 2, Now).Kind);
        var received = Assert.Single(meta.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/v26.0/1234567890/events", received.Path);
        Assert.Equal(meta.AccessToken, received.QueryParameter("access_token"));
        Assert.Equal(request.Body, received.Body);
    }

    [Fact]
    public async Task Meta_fake_refuses_a_wrong_token_with_error_190()
    {
        await using var meta = await FakeMetaServer.StartAsync();

        var (status, headers, body) = await SendAsync(MetaRequestBuilder.Build(Lead, Target, MetaSettingsFor(meta, "wrong")));

        Assert.Equal(400, status);
        Assert.Equal(DeliveryOutcomeKind.AuthFailure, MetaAnswerClassifier.Classify(status, headers, body, 1, Now).Kind);
    }

    [Fact]
    public async Task Meta_fake_gives_queued_answers_first()
    {
        await using var meta = await FakeMetaServer.StartAsync();
        meta.EnqueueAnswer(503, "", new Dictionary<string, string> { ["Retry-After"] = "7" });
        var request = MetaRequestBuilder.Build(Lead, Target, MetaSettingsFor(meta, meta.AccessToken));

        var first = await SendAsync(request);
        var second = await SendAsync(request);

        var retry = MetaAnswerClassifier.Classify(first.Status, first.Headers, first.Body, 1, Now);
        Assert.Equal(DeliveryOutcomeKind.Retry, retry.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.RetryAfter);
        Assert.Equal(DeliveryOutcomeKind.Delivered, MetaAnswerClassifier.Classify(second.Status, second.Headers, second.Body, 1, Now).Kind);
    }

    [Fact]
    public async Task TikTok_fake_records_the_request_and_answers_code_zero()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();
        var request = TikTokRequestBuilder.Build(Lead, Target, TikTokSettingsFor(tiktok, tiktok.AccessToken));

        var (status, headers, body) = await SendAsync(request);

        Assert.Equal(DeliveryOutcomeKind.Delivered, TikTokAnswerClassifier.Classify(status, headers, body, Now).Kind);
        var received = Assert.Single(tiktok.Requests);
        Assert.Equal("/open_api/v1.3/event/track/", received.Path);
        Assert.Equal(tiktok.AccessToken, received.Headers["access-token"]);
        Assert.Equal(request.Body, received.Body);
    }

    [Fact]
    public async Task TikTok_fake_refuses_a_wrong_token_with_code_40105()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();

        var (status, headers, body) = await SendAsync(TikTokRequestBuilder.Build(Lead, Target, TikTokSettingsFor(tiktok, "wrong")));

        Assert.Equal(DeliveryOutcomeKind.AuthFailure, TikTokAnswerClassifier.Classify(status, headers, body, Now).Kind);
    }

    [Fact]
    public async Task TikTok_fake_gives_queued_answers_first()
    {
        await using var tiktok = await FakeTikTokServer.StartAsync();
        tiktok.EnqueueAnswer(200, FakeTikTokServer.AnswerBody(40002, "Invalid parameter"));

        var (status, headers, body) = await SendAsync(TikTokRequestBuilder.Build(Lead, Target, TikTokSettingsFor(tiktok, tiktok.AccessToken)));

        Assert.Equal(DeliveryOutcomeKind.Permanent, TikTokAnswerClassifier.Classify(status, headers, body, Now).Kind);
    }

    private static MetaSettings MetaSettingsFor(FakeMetaServer server, string token) =>
        new() { BaseUrl = server.BaseUrl, PixelId = "1234567890", AccessToken = token };

    private static TikTokSettings TikTokSettingsFor(FakeTikTokServer server, string token) =>
        new() { BaseUrl = server.BaseUrl, PixelCode = "C9FAKE", AccessToken = token };

    private static async Task<(int Status, IReadOnlyDictionary<string, string> Headers, string Body)> SendAsync(OutgoingRequest request)
    {
        using var http = new HttpClient();
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url)
        {
            Content = new StringContent(request.Body ?? "", Encoding.UTF8, request.ContentType),
        };
        foreach (var (name, value) in request.Headers) message.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(message);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        return ((int)response.StatusCode, headers, await response.Content.ReadAsStringAsync());
    }
}
