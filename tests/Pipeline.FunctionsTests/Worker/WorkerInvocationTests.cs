using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Events;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;
using Pipeline.Send;
using Pipeline.Storage;

namespace Pipeline.FunctionsTests.Worker;

/// <summary>
/// Functions invoked through the host's protocol on the started worker, with their effect read back from Azurite:
/// the queue-triggered Match and the HTTP-triggered server API.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerInvocationTests(RunningWorker worker)
{
    [Fact]
    public async Task A_queued_event_invoked_on_Match_is_handed_off_to_the_outbox_and_a_queued_delivery_invoked_on_Send_too()
    {
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..12];
        // An hour old: past the wait for late browser data, so Match decides at once.
        var evt = new
        {
            event_name = "Purchase", event_time = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), event_id = eventId,
            action_source = "website", source = "api", value = 49.90m, currency = "EUR", order_id = "1001",
        };
        var message = JsonSerializer.Serialize(new { v = 1, @event = evt });

        var response = await worker.InvokeAsync("Match", Guid.NewGuid().ToString(),
            [new { name = "message", data = new { @string = message } }],
            new Dictionary<string, object>
            {
                ["Id"] = new { @string = Guid.NewGuid().ToString() },
                ["DequeueCount"] = new { json = "1" },
                ["QueueTrigger"] = new { @string = message },
            });

        // The hand-off sends the matched event itself: the deliveries queue carries only retries and replays.
        AssertSucceeded(response);
        await RecordedInOutboxAsync(eventId);

        // A delivery (a retry, say), invoked on Send as the host would when the deliveries queue trigger fires.
        var retriedId = eventId + "_retry";
        var delivery = JsonSerializer.Serialize(new
        {
            v = 1,
            @event = evt with { event_id = retriedId },
            targets = new[] { new { destination = "outbox", event_name = "Purchase" } },
            attempts = 1,
        });
        var sent = await worker.InvokeAsync("Send", Guid.NewGuid().ToString(),
            [new { name = "message", data = new { @string = delivery } }],
            new Dictionary<string, object> { ["Id"] = new { @string = Guid.NewGuid().ToString() }, ["DequeueCount"] = new { json = "1" } });

        AssertSucceeded(sent);
        await RecordedInOutboxAsync(retriedId);
    }

    private async Task RecordedInOutboxAsync(string eventId)
    {
        var outbox = new TableClient(worker.Azurite.ConnectionString, worker.Prefix + "outbox");
        var recorded = await Eventually.Get(async () =>
        {
            await foreach (var row in outbox.QueryAsync<TableEntity>(e => e.GetString("EventId") == eventId)) return row;
            return null;
        }, "the event recorded in the outbox");
        Assert.Equal("outbox", recorded.GetString("Destination"));
    }

    [Fact]
    public async Task An_event_posted_through_the_worker_s_http_endpoint_is_accepted_and_queued_for_Match()
    {
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..12];
        var invocationId = Guid.NewGuid().ToString();
        var body = new
        {
            event_name = "Purchase", event_time = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), event_id = eventId,
            action_source = "website", value = 49.90m, currency = "EUR", order_id = "1002",
            user_data = new { email = "jane@example.com" },
        };

        // The host forwards the HTTP request to the worker's own HTTP endpoint (its HttpUri capability), tagged with
        // the invocation id, and sends the InvocationRequest over gRPC; the worker joins the two.
        using var http = new HttpClient { BaseAddress = WorkerHttpUri(), Timeout = TimeSpan.FromMinutes(2) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = JsonContent.Create(body) };
        request.Headers.Add("x-api-key", RunningWorker.ApiKey);
        request.Headers.Add("x-ms-invocation-id", invocationId);
        var forwarded = http.SendAsync(request);
        var invocation = await worker.InvokeAsync("Events", invocationId,
            [new { name = "request", data = new { http = new { method = "POST", url = new Uri(WorkerHttpUri(), "/api/events").ToString() } } }]);
        using var response = await forwarded;

        AssertSucceeded(invocation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(eventId, answer.RootElement.GetProperty("event_ids")[0].GetString());
        var queued = await Eventually.Get(async () => (await PeekAsync(worker.EventsQueue)).FirstOrDefault(m => m.Contains(eventId)),
            "the ingested event on the events queue");
        Assert.DoesNotContain("jane@example.com", queued);
    }

    [Fact]
    public async Task An_event_with_a_wrong_api_key_is_refused_with_401_through_the_worker_and_queues_nothing()
    {
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..12];
        var invocationId = Guid.NewGuid().ToString();
        using var http = new HttpClient { BaseAddress = WorkerHttpUri(), Timeout = TimeSpan.FromMinutes(2) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = JsonContent.Create(new { event_name = "Purchase", event_time = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), event_id = eventId, action_source = "website" }),
        };
        request.Headers.Add("x-api-key", "not-the-key");
        request.Headers.Add("x-ms-invocation-id", invocationId);
        var forwarded = http.SendAsync(request);
        var invocation = await worker.InvokeAsync("Events", invocationId,
            [new { name = "request", data = new { http = new { method = "POST", url = new Uri(WorkerHttpUri(), "/api/events").ToString() } } }]);
        using var response = await forwarded;

        // A refusal is an answer, not a failed invocation: the host would not count it as an error or retry it.
        AssertSucceeded(invocation);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(await PeekAsync(worker.EventsQueue), m => m.Contains(eventId));
    }

    [Fact]
    public async Task A_poison_delivery_invoked_on_DeadLetterDeliveries_is_recorded_dead_in_the_ledger()
    {
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..12];
        var poison = Json.Serialize(new DeliveryMessage
        {
            Event = new CanonicalEvent
            {
                EventName = "Purchase", EventTime = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), EventId = eventId,
                ActionSource = "website",
            },
            Targets = [new DeliveryTarget { Destination = "meta-main", EventName = "Purchase" }],
            Attempts = 5,
        });

        var response = await worker.InvokeAsync("DeadLetterDeliveries", Guid.NewGuid().ToString(),
            [new { name = "message", data = new { @string = poison } }],
            new Dictionary<string, object> { ["Id"] = new { @string = Guid.NewGuid().ToString() }, ["DequeueCount"] = new { json = "1" } });

        AssertSucceeded(response);
        var ledger = new TableClient(worker.Azurite.ConnectionString, worker.Prefix + "ledger");
        var row = (await ledger.GetEntityAsync<TableEntity>(TableKeys.Encode(eventId), TableKeys.Encode("meta-main"))).Value;
        Assert.Equal(DeliveryState.Dead, row.GetString("State"));
    }

    [Fact]
    public async Task The_timer_triggered_Retention_runs_its_purge_on_the_worker()
    {
        // The timer binding's data as the host sends it when the schedule fires.
        var timer = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = DateTime.UtcNow.AddDays(-1), Next = DateTime.UtcNow, LastUpdated = DateTime.UtcNow.AddDays(-1) },
            IsPastDue = false,
        });

        var response = await worker.InvokeAsync("Retention", Guid.NewGuid().ToString(), [new { name = "timer", data = new { json = timer } }]);

        AssertSucceeded(response);
    }

    /// <summary>The worker's HTTP endpoint from its init response, on the IPv4 loopback.</summary>
    private Uri WorkerHttpUri()
    {
        var uri = new Uri(worker.InitResponse.GetProperty("capabilities").GetProperty("HttpUri").GetString()!);
        return new UriBuilder(uri) { Host = "127.0.0.1" }.Uri;
    }

    private static void AssertSucceeded(JsonElement response)
    {
        Assert.True(response.TryGetProperty("result", out var result), response.GetRawText());
        // Protobuf JSON leaves out a field at its default, and the default status is Failure.
        var status = result.TryGetProperty("status", out var s) ? s.GetString() : "Failure";
        Assert.True(status == "Success", result.GetRawText());
    }

    private async Task<IReadOnlyList<string>> PeekAsync(string queue)
    {
        PeekedMessage[] messages = (await worker.Queue(queue).PeekMessagesAsync(maxMessages: 32)).Value;
        return messages.Select(m => m.Body.ToString()).ToList();
    }
}
