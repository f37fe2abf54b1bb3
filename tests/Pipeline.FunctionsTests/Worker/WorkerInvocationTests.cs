using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.FunctionsTests.Worker;

/// <summary>
/// Functions invoked through the host's protocol on the started worker, with their effect read back from Azurite:
/// the queue-triggered Match and the HTTP-triggered server API.
/// </summary>
public sealed class WorkerInvocationTests(RunningWorker worker) : IClassFixture<RunningWorker>
{
    [Fact]
    public async Task A_queued_event_invoked_on_Match_is_handed_to_the_deliveries_queue()
    {
        var eventId = "purchase_" + Guid.NewGuid().ToString("N")[..12];
        // An hour old: past the wait for late browser data, so Match decides at once.
        var message = JsonSerializer.Serialize(new
        {
            v = 1,
            @event = new
            {
                event_name = "Purchase", event_time = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds(), event_id = eventId,
                action_source = "website", source = "api", value = 49.90m, currency = "EUR", order_id = "1001",
            },
        });

        var response = await worker.InvokeAsync("Match", Guid.NewGuid().ToString(),
            [new { name = "message", data = new { @string = message } }],
            new Dictionary<string, object>
            {
                ["Id"] = new { @string = Guid.NewGuid().ToString() },
                ["DequeueCount"] = new { json = "1" },
                ["QueueTrigger"] = new { @string = message },
            });

        AssertSucceeded(response);
        var delivery = await Eventually.Get(async () => (await PeekAsync(worker.DeliveriesQueue)).FirstOrDefault(m => m.Contains(eventId)),
            "the matched event on the deliveries queue");
        Assert.Contains("\"destination\"", delivery);
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
