using System.Net;
using System.Text;
using System.Text.Json;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Foundation;

/// <summary>Bad requests to the server API get a clear 4xx and leave nothing on the queue.</summary>
public sealed class ServerApiRejectionTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = await PipelineHost.StartAsync(new Dictionary<string, string?> { ["Pipeline:MaxBodyBytes"] = "4096" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("test-api-key-but-longer")]
    public async Task A_missing_or_wrong_api_key_gets_401_and_queues_nothing(string? key)
    {
        var response = await _host.PostEventAsync(EventBuilder.Purchase(), key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("x-api-key", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _host.MessageCountAsync(_host.EventsQueue));
    }

    [Theory]
    [InlineData("{\"event_name\": \"Purchase\",", "malformed JSON")]
    [InlineData("[1,2,3]", "JSON object")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_id\":\"x\",\"action_source\":\"website\"}", "event_time is required")]
    [InlineData("{\"event_time\":1700000000,\"event_id\":\"x\",\"action_source\":\"website\"}", "event_name is required")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"action_source\":\"website\"}", "event_id is required")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"x\",\"action_source\":\"server\"}", "action_source 'server' is not one of")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":\"yesterday\",\"event_id\":\"x\",\"action_source\":\"website\"}", "$.event_time")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"x\",\"action_source\":\"website\",\"emial\":\"a\"}", "emial")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"x\",\"action_source\":\"website\",\"value\":10,\"currency\":\"euro\"}", "ISO-4217")]
    [InlineData("{\"events\":[]}", "non-empty array")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"x\",\"action_source\":\"website\",\"value\":12.5,\"currency\":\"EUR\",\"value\":99999}", "duplicate key 'value'")]
    [InlineData("{\"events\":[{\"event_name\":\"Purchase\",\"event_name\":\"Lead\",\"event_time\":1700000000,\"event_id\":\"x\",\"action_source\":\"website\"}]}", "duplicate key 'event_name'")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"purchase\\u0000\\u0007_1\",\"action_source\":\"website\"}", "event_id must be printable")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"x\",\"order_id\":\"10\\u202e01\",\"action_source\":\"website\"}", "order_id must be printable")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"x\",\"visitor_id\":\"v\\n1\",\"action_source\":\"website\"}", "visitor_id must be printable")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"x\",\"click_ids\":{\"gclid\":\"Cj0\\u0000\"},\"action_source\":\"website\"}", "click_ids.gclid must be printable")]
    [InlineData("{\"event_name\":\"Purchase\",\"event_time\":1700000000,\"event_id\":\"x\",\"user_data\":{\"external_id\":\"crm\\u001f42\"},\"action_source\":\"website\"}", "user_data.external_id must be printable")]
    public async Task Malformed_or_incomplete_events_get_400_with_the_reason_and_queue_nothing(string body, string expected)
    {
        var response = await PostRawAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains(expected, error);
        Assert.Equal(0, await _host.MessageCountAsync(_host.EventsQueue));
    }

    [Fact]
    public async Task Invalid_utf8_gets_400()
    {
        var response = await PostRawAsync([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _host.MessageCountAsync(_host.EventsQueue));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_queues_nothing()
    {
        var body = EventBuilder.Purchase();
        body["event_source_url"] = "https://shop.example/?" + new string('a', 5000);

        var response = await PostRawAsync(JsonSerializer.SerializeToUtf8Bytes(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 4096 bytes", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await _host.MessageCountAsync(_host.EventsQueue));
    }

    private Task<HttpResponseMessage> PostRawAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new ByteArrayContent(body) };
        request.Headers.Add("x-api-key", PipelineHost.ApiKey);
        return _host.Http.SendAsync(request);
    }
}
