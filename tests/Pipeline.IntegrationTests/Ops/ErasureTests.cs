using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Pipeline.Identity;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Standalone;

namespace Pipeline.IntegrationTests.Ops;

/// <summary>Erasure deletes everything linked to a person, reports counts, and answers operators only.</summary>
public sealed class ErasureTests : IAsyncLifetime
{
    private const string Email = "Buyer@Example.com";
    private const string VisitorOne = "vis-0001-aaaa";
    private const string VisitorTwo = "vis-0002-bbbb";
    private const string Stranger = "vis-0003-cccc";
    private const string ClickId = "Cj0KCQjw-gclid-0001";

    private PipelineHost _host = null!;
    private HashVariants _emailHashes = null!;

    public async Task InitializeAsync()
    {
        _host = await PipelineHost.StartAsync(OpsSeed.Settings());
        _emailHashes = UserDataHasher.Hash(new RawUserData { Email = Email }, "US").Email!;
        var emailKey = _emailHashes[HashRules.Meta];
        var now = DateTimeOffset.UtcNow;

        await OpsSeed.RowAsync(_host, "identities", new TableEntity($"em:{emailKey}", VisitorOne) { ["LinkedAt"] = now });
        await OpsSeed.RowAsync(_host, "identities", new TableEntity("ph:" + new string('d', 64), VisitorOne) { ["LinkedAt"] = now });
        await OpsSeed.RowAsync(_host, "identities", new TableEntity("link:L1", VisitorOne) { ["LinkedAt"] = now });
        await OpsSeed.RowAsync(_host, "identities", new TableEntity("link:L1", VisitorTwo) { ["LinkedAt"] = now });
        await OpsSeed.RowAsync(_host, "identities", new TableEntity("em:" + new string('e', 64), Stranger) { ["LinkedAt"] = now });
        await OpsSeed.RowAsync(_host, "visitors", new TableEntity(VisitorOne, "profile") { ["LastSeen"] = now, ["Ip"] = "203.0.113.7" });
        await OpsSeed.RowAsync(_host, "visitors", new TableEntity(VisitorOne, "click~gclid~1700000000000") { ["CapturedAt"] = now, ["ClickId"] = ClickId });
        await OpsSeed.RowAsync(_host, "visitors", new TableEntity(VisitorTwo, "profile") { ["LastSeen"] = now });
        await OpsSeed.RowAsync(_host, "visitors", new TableEntity(Stranger, "profile") { ["LastSeen"] = now });
        await OpsSeed.RowAsync(_host, "clicks", new TableEntity($"gclid:{ClickId}", VisitorOne) { ["CapturedAt"] = now, ["VisitorId"] = VisitorOne });
        await OpsSeed.RowAsync(_host, "clicks", new TableEntity("gclid:someone-else-click", Stranger) { ["CapturedAt"] = now, ["VisitorId"] = Stranger });
        await OpsSeed.LedgerAsync(_host, OpsSeed.Dead("e-hash", "google-ads", now, "HTTP 400", payload: $"{{\"em\":{{\"google\":\"{_emailHashes[HashRules.Google]}\"}}}}"));
        await OpsSeed.LedgerAsync(_host, OpsSeed.Dead("e-visitor", "meta", now, "HTTP 400", payload: $"{{\"visitor_ids\":[\"{VisitorTwo}\"]}}"));
        await OpsSeed.LedgerAsync(_host, OpsSeed.Dead("e-stranger", "meta", now, "HTTP 400", payload: $"{{\"visitor_ids\":[\"{Stranger}\"]}}"));
        await OpsSeed.RowAsync(_host, "outbox", new TableEntity("outbox", "e-hash") { ["Body"] = $"{{\"em\":[\"{emailKey}\"]}}" });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Erasing_an_email_deletes_the_linked_visitors_clicks_identities_and_payloads_and_reports_counts()
    {
        var response = await EraseAsync(new { email = Email }, OpsSeed.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("example.com", body, StringComparison.OrdinalIgnoreCase);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.Equal(2, report.GetProperty("visitors_found").GetInt32());
        Assert.Equal(3, report.GetProperty("visitor_rows_deleted").GetInt32());
        Assert.Equal(1, report.GetProperty("clicks_deleted").GetInt32());
        Assert.Equal(4, report.GetProperty("identities_deleted").GetInt32());
        Assert.Equal(2, report.GetProperty("ledger_payloads_cleared").GetInt32());
        Assert.Equal(1, report.GetProperty("outbox_rows_deleted").GetInt32());

        Assert.False(await OpsSeed.ExistsAsync(_host, "visitors", VisitorOne, "profile"));
        Assert.False(await OpsSeed.ExistsAsync(_host, "visitors", VisitorTwo, "profile"));
        Assert.False(await OpsSeed.ExistsAsync(_host, "clicks", $"gclid:{ClickId}", VisitorOne));
        Assert.False(await OpsSeed.ExistsAsync(_host, "identities", "link:L1", VisitorTwo));
        Assert.Null((await _host.Ledger.GetAsync("e-hash", "google-ads", default))!.Payload);
        Assert.Null((await _host.Ledger.GetAsync("e-visitor", "meta", default))!.Payload);

        // Someone else's data is untouched.
        Assert.True(await OpsSeed.ExistsAsync(_host, "visitors", Stranger, "profile"));
        Assert.True(await OpsSeed.ExistsAsync(_host, "clicks", "gclid:someone-else-click", Stranger));
        Assert.True(await OpsSeed.ExistsAsync(_host, "identities", "em:" + new string('e', 64), Stranger));
        Assert.NotNull((await _host.Ledger.GetAsync("e-stranger", "meta", default))!.Payload);
    }

    [Fact]
    public async Task Erasing_by_the_emails_hash_finds_the_same_person()
    {
        var response = await EraseAsync(new { email = _emailHashes[HashRules.Meta] }, OpsSeed.OperatorKey);

        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, report.GetProperty("visitors_found").GetInt32());
        Assert.False(await OpsSeed.ExistsAsync(_host, "visitors", VisitorOne, "profile"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(PipelineHost.ApiKey)]
    public async Task Without_the_operator_key_nothing_is_erased(string? key)
    {
        var response = await EraseAsync(new { email = Email }, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(await OpsSeed.ExistsAsync(_host, "visitors", VisitorOne, "profile"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("{\"email\": 5}")]
    [InlineData("not json")]
    public async Task A_request_naming_nobody_gets_400(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/operator/erase") { Content = new StringContent(body) };
        request.Headers.Add("x-operator-key", OpsSeed.OperatorKey);

        var response = await _host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await OpsSeed.ExistsAsync(_host, "visitors", VisitorOne, "profile"));
    }

    [Fact]
    public async Task The_cli_erases_a_visitor_read_from_standard_input_and_prints_the_counts()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _host.Azurite.ConnectionString,
            ["Pipeline:TablePrefix"] = _host.TablePrefix,
        }).Build();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await EraseCommand.RunAsync(["--visitor-id", "-"], configuration, new CliConsole(new StringReader(VisitorTwo + "\n"), output, error));

        Assert.Equal(0, exit);
        var report = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(2, report.GetProperty("visitors_found").GetInt32());
        Assert.Equal(1, report.GetProperty("ledger_payloads_cleared").GetInt32());
        Assert.False(await OpsSeed.ExistsAsync(_host, "visitors", VisitorTwo, "profile"));
        Assert.False(await OpsSeed.ExistsAsync(_host, "visitors", VisitorOne, "profile"));
    }

    [Fact]
    public async Task The_cli_refuses_an_empty_request()
    {
        var error = new StringWriter();

        var exit = await EraseCommand.RunAsync([], new ConfigurationBuilder().Build(), new CliConsole(new StringReader(""), new StringWriter(), error));

        Assert.Equal(2, exit);
        Assert.Contains("usage: erase", error.ToString());
    }

    private Task<HttpResponseMessage> EraseAsync(object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/operator/erase") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("x-operator-key", key);
        return _host.Http.SendAsync(request);
    }
}
