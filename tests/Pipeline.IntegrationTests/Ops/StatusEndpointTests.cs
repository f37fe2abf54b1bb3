using System.Net;
using System.Text.Json;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.IntegrationTests.Ops;

/// <summary><c>/api/status.json</c> and <c>/api/status</c> report what the ledger holds, to operators only.</summary>
public sealed class StatusEndpointTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PipelineHost.StartAsync(OpsSeed.Settings());
        await StatusScenario.SeedAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/api/status", null)]
    [InlineData("/api/status.json", null)]
    [InlineData("/api/status.json", "wrong-key")]
    [InlineData("/api/status?key=wrong-key", null)]
    public async Task Without_the_operator_key_the_status_is_401(string path, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Add("x-operator-key", key);

        var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("meta", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_key_is_not_an_operator_key()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/status.json");
        request.Headers.Add("x-operator-key", PipelineHost.ApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Status_json_reflects_the_seeded_ledger()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/status.json");
        request.Headers.Add("x-operator-key", OpsSeed.OperatorKey);

        var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = doc.RootElement;
        Assert.Equal(48, root.GetProperty("window_hours").GetInt32());

        var destinations = root.GetProperty("destinations").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!);
        Assert.Contains("outbox", destinations.Keys);
        var meta = destinations["meta"];
        Assert.Equal(StatusScenario.MetaDelivered, meta.GetProperty("delivered").GetInt32());
        Assert.Equal(StatusScenario.MetaDead, meta.GetProperty("dead").GetInt32());
        Assert.Equal(1, meta.GetProperty("retrying").GetInt32());
        Assert.Equal(48, meta.GetProperty("hours").GetArrayLength());
        Assert.Equal(StatusScenario.MetaDelivered, meta.GetProperty("hours").EnumerateArray().Sum(h => h.GetProperty("delivered").GetInt32()));
        Assert.Equal(StatusScenario.MetaDead, meta.GetProperty("hours").EnumerateArray().Sum(h => h.GetProperty("failed").GetInt32()));
        var coverage = meta.GetProperty("coverage");
        Assert.Equal(8, coverage.GetProperty("events").GetInt32());
        var shares = coverage.GetProperty("identifiers").EnumerateArray().ToDictionary(i => i.GetProperty("identifier").GetString()!, i => i.GetProperty("share").GetDouble());
        Assert.Equal(1.0, shares["em"]);
        Assert.Equal(0.5, shares["click"]);
        Assert.Equal(0.0, shares["ph"]);
        Assert.Equal(StatusScenario.GoogleAdsDelivered, destinations["google-ads"].GetProperty("delivered").GetInt32());

        Assert.Equal(StatusScenario.DeadLetters, root.GetProperty("dead_letter_total").GetInt32());
        var dead = root.GetProperty("dead_letters").EnumerateArray().ToDictionary(d => d.GetProperty("event_id").GetString()!);
        Assert.True(dead["m-dead-0"].GetProperty("replayable").GetBoolean());
        Assert.False(dead["m-dead-1"].GetProperty("replayable").GetBoolean());
        Assert.Equal(StatusScenario.GoogleAdsError, dead["g-dead"].GetProperty("last_error").GetString());

        Assert.Equal("m-retry", Assert.Single(root.GetProperty("retrying").EnumerateArray()).GetProperty("event_id").GetString());
        var paused = Assert.Single(root.GetProperty("paused").EnumerateArray());
        Assert.Equal("tiktok", paused.GetProperty("destination").GetString());

        var rules = root.GetProperty("match_rules").EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["click_id"] = 6, ["visitor_id"] = 3, ["none"] = 1 }, rules);

        var dedup = root.GetProperty("dedup");
        Assert.Equal(3, dedup.GetProperty("orders_compared").GetInt32());
        Assert.Equal(2, dedup.GetProperty("agreeing").GetInt32());
        var mismatch = Assert.Single(dedup.GetProperty("examples").EnumerateArray());
        Assert.Equal("1002", mismatch.GetProperty("order_id").GetString());
        Assert.Equal("browser-7f3a", mismatch.GetProperty("browser_event_ids")[0].GetString());
        Assert.Equal("purchase_1002", mismatch.GetProperty("server_event_ids")[0].GetString());
    }

    [Fact]
    public async Task The_html_page_opens_with_the_key_in_the_query_and_is_locked_down()
    {
        var response = await _host.Http.GetAsync($"/api/status?key={OpsSeed.OperatorKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<td data-metric=\"delivered\">8</td>", html);
    }
}
