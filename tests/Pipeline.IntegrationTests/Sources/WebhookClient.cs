using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Ingest;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Sources;

/// <summary>Sends webhook deliveries to the host and reads what they left in the ingest table and the outbox.</summary>
internal static class WebhookClient
{
    public static Task<HttpResponseMessage> PostShopifyAsync(this PipelineHost host, byte[] body, IDictionary<string, string> headers) =>
        host.PostRawAsync("/api/webhooks/shopify", body, headers);

    public static Task<HttpResponseMessage> PostStripeAsync(this PipelineHost host, string body, string? signature)
    {
        var headers = new Dictionary<string, string> { ["User-Agent"] = "Stripe/1.0 (+https://stripe.com/docs/webhooks)" };
        if (signature is not null) headers["Stripe-Signature"] = signature;
        return host.PostRawAsync("/api/webhooks/stripe", Encoding.UTF8.GetBytes(body), headers);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this PipelineHost host, string path, byte[] body, IDictionary<string, string> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return host.Http.SendAsync(request);
    }

    /// <summary>The answer's JSON body.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>Event ids the answer says were enqueued now.</summary>
    public static async Task<string[]> EnqueuedAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("enqueued").EnumerateArray().Select(e => e.GetString()!).ToArray();

    /// <summary>Waits for the canonical event the default outbox destination recorded, and returns its raw JSON.</summary>
    public static async Task<string> OutboxBodyAsync(this PipelineHost host, string eventId) =>
        await Eventually.Get(async () =>
            (await host.Table("outbox").GetEntityIfExistsAsync<TableEntity>("outbox", eventId)) is { HasValue: true } row
                ? row.Value!.GetString("Body")
                : null,
            $"the outbox row of {eventId}");

    public static async Task<JsonElement> OutboxEventAsync(this PipelineHost host, string eventId) =>
        JsonDocument.Parse(await host.OutboxBodyAsync(eventId)).RootElement.Clone();

    public static IngestLedger Ingest(this PipelineHost host) => host.Services.GetRequiredService<IngestLedger>();

    public static Task<IngestKeyRecord?> IngestKeyAsync(this PipelineHost host, string key) => host.Ingest().GetKeyAsync(key, default);

    /// <summary>Every row of the ingest table (a test-sized table).</summary>
    public static async Task<List<TableEntity>> IngestRowsAsync(this PipelineHost host)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Table("ingest").QueryAsync<TableEntity>()) rows.Add(row);
        return rows;
    }

    public static void AssertNoPlaintext(string body, IEnumerable<string> plaintexts)
    {
        foreach (var plaintext in plaintexts)
            Assert.DoesNotContain(plaintext, body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The coarse address parts Google takes unhashed may appear in user_data.google_address and nowhere else.</summary>
    public static void AssertNoPlaintextOutsideGoogleAddress(string body, IEnumerable<string> plaintexts)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        node["user_data"]?.AsObject().Remove("google_address");
        AssertNoPlaintext(node.ToJsonString(), plaintexts);
    }
}
