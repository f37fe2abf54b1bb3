using System.Net;
using System.Text.Json;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Foundation;

/// <summary><c>GET /api/operator/outbox</c> shows an operator what would have been sent.</summary>
public sealed class OutboxEndpointTests
{
    private const string OperatorKey = "outbox-test-operator-key";

    [Fact]
    public async Task The_outbox_endpoint_lists_the_recorded_request_for_an_operator_and_refuses_anyone_else()
    {
        await using var host = await PipelineHost.StartAsync(new Dictionary<string, string?> { ["Pipeline:OperatorKeys"] = OperatorKey });
        var body = EventBuilder.Purchase();
        var eventId = (string)body["event_id"]!;
        await host.PostEventAsync(body);

        var listed = await Eventually.Get(async () =>
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/operator/outbox?event_id={eventId}");
            get.Headers.Add("x-operator-key", OperatorKey);
            var answer = await host.Http.SendAsync(get);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var requests = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("requests");
            return requests.GetArrayLength() == 1 ? requests[0].GetRawText() : null;
        }, "the outbox to list the request");
        var request = JsonDocument.Parse(listed).RootElement;

        Assert.Equal("outbox", request.GetProperty("destination").GetString());
        Assert.Equal("POST", request.GetProperty("method").GetString());
        Assert.Equal(eventId, request.GetProperty("body").GetProperty("event_id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetAsync("/api/operator/outbox")).StatusCode);
        // A key in the URL is refused even when it is right: it would be in proxies' logs and the browser history.
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/api/operator/outbox?key=wrong")).StatusCode);
        using var keyInUrl = await host.Http.GetAsync($"/api/operator/outbox?key={OperatorKey}");
        Assert.Equal(HttpStatusCode.BadRequest, keyInUrl.StatusCode);
        Assert.Contains("x-operator-key header", await keyInUrl.Content.ReadAsStringAsync());
        using var badLimit = new HttpRequestMessage(HttpMethod.Get, "/api/operator/outbox?limit=0");
        badLimit.Headers.Add("x-operator-key", OperatorKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.SendAsync(badLimit)).StatusCode);
    }
}
