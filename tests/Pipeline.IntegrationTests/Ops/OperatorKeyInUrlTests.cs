using System.Net;
using System.Text;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;

namespace Pipeline.IntegrationTests.Ops;

/// <summary>
/// The operator key travels in the <c>x-operator-key</c> header. Only the status page's own GET takes it in the URL
/// (a browser cannot set a header); every other operator route refuses a key in the URL, even the right one.
/// </summary>
public sealed class OperatorKeyInUrlTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PipelineHost.StartAsync(OpsSeed.Settings());
        await StatusScenario.SeedAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/status.json?key=")]
    [InlineData("GET", "/api/operator/outbox?key=")]
    [InlineData("POST", "/api/operator/replay?key=")]
    [InlineData("POST", "/api/operator/erase?key=")]
    [InlineData("POST", "/api/operator/replay?x-operator-key=")]
    public async Task The_right_operator_key_in_the_url_is_refused_with_a_400_naming_the_header(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path + OpsSeed.OperatorKey);
        if (method == "POST") request.Content = new StringContent("{\"visitor_id\":\"v-erase-me-not\",\"dry_run\":true}", Encoding.UTF8, "application/json");

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("x-operator-key header", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_in_the_url_is_refused_even_with_the_right_key_in_the_header_and_replays_nothing()
    {
        var deadBefore = await DeadRowsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/operator/replay?key={OpsSeed.OperatorKey}")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-operator-key", OpsSeed.OperatorKey);

        using var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(deadBefore > 0);
        Assert.Equal(deadBefore, await DeadRowsAsync());
    }

    [Fact]
    public async Task The_status_page_still_opens_with_the_key_in_the_url()
    {
        using var response = await _host.Http.GetAsync($"/api/status?key={OpsSeed.OperatorKey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
    }

    private async Task<int> DeadRowsAsync() =>
        await _host.Table("ledger").QueryAsync<Azure.Data.Tables.TableEntity>(filter: $"State eq '{DeliveryState.Dead}'").CountAsync();
}
