using System.Net;
using System.Security.Cryptography;
using System.Text;
using Pipeline.Identity;
using Pipeline.Ingest;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Sources;

/// <summary>The server API enqueues each event_id once and passes pre-hashed identifiers through.</summary>
public sealed class ServerApiIdempotencyTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = await PipelineHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_retried_batch_enqueues_nothing_twice()
    {
        var batch = new { events = new[] { EventBuilder.Purchase("purchase_api_1"), EventBuilder.Purchase("purchase_api_2") } };
        var first = await _host.PostEventAsync(batch);
        await _host.OutboxBodyAsync("purchase_api_2");

        var retry = await _host.PostEventAsync(batch);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.False((await first.JsonAsync()).TryGetProperty("duplicate_event_ids", out _));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var answer = await retry.JsonAsync();
        Assert.Equal(["purchase_api_1", "purchase_api_2"], answer.GetProperty("duplicate_event_ids").EnumerateArray().Select(e => e.GetString()));
        foreach (var id in new[] { "purchase_api_1", "purchase_api_2" })
        {
            var key = await _host.IngestKeyAsync(ServerEventsHandler.IdempotencyKey(id));
            Assert.Equal(IngestState.Enqueued, key!.State);
            Assert.Equal(1, key.Enqueues);
        }
    }

    [Fact]
    public async Task The_same_event_twice_in_one_batch_is_enqueued_once()
    {
        var response = await _host.PostEventAsync(new { events = new[] { EventBuilder.Purchase("purchase_api_3"), EventBuilder.Purchase("purchase_api_3") } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["purchase_api_3"], (await response.JsonAsync()).GetProperty("duplicate_event_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, (await _host.IngestKeyAsync("api:purchase_api_3"))!.Enqueues);
    }

    [Fact]
    public async Task Pre_hashed_identifiers_pass_through_and_raw_ones_are_hashed_on_arrival()
    {
        var emailHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("buyer@example.com")));
        var body = EventBuilder.Purchase("purchase_api_4");
        body["user_data"] = new Dictionary<string, object?> { ["email"] = emailHash.ToUpperInvariant(), ["phone"] = "+1 (613) 555-0135", ["first_name"] = "Janeth" };

        var response = await _host.PostEventAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = await _host.OutboxBodyAsync("purchase_api_4");
        var userData = System.Text.Json.JsonDocument.Parse(sent).RootElement.GetProperty("user_data");
        var em = userData.GetProperty("em");
        Assert.Equal(emailHash, em.GetProperty(HashRules.PreHashed).GetString());
        Assert.False(em.TryGetProperty(HashRules.Meta, out _));
        Assert.Equal(UserDataHasher.Sha256Hex("16135550135"), userData.GetProperty("ph").GetProperty(HashRules.Meta).GetString());
        WebhookClient.AssertNoPlaintext(sent, ["Janeth", "555-0135", "6135550135\""]);
    }

    [Fact]
    public async Task An_event_too_large_for_the_queue_gets_400_and_claims_nothing()
    {
        var body = EventBuilder.Purchase("purchase_api_5");
        body["contents"] = Enumerable.Range(0, 200).Select(i => new { id = $"sku-{i}", quantity = 1, price = 1.0m, name = new string('x', 400) }).ToArray();

        var response = await _host.PostEventAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("KiB", (await response.JsonAsync()).GetProperty("error").GetString());
        Assert.Null(await _host.IngestKeyAsync("api:purchase_api_5"));
    }
}
