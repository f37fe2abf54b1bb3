using System.Text.Json;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// The corpus's authentic-but-hostile requests, one by one: an unprintable id, a key written twice, the operator key
/// in the URL. Each is a 400 with a reason, and none leaves a row or a message behind.
/// </summary>
public sealed class EdgeCaseTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Every_unprintable_id_duplicate_key_and_key_in_the_url_is_a_400_with_a_reason_and_stores_nothing()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pipeline:OperatorKeys"] = ReliabilityScenarios.OperatorKey,
            ["Pipeline:Match:LateDataRetries"] = "0",
        };
        foreach (var (k, v) in ShopifyOrders.Settings()) settings[k] = v;
        foreach (var (k, v) in StripePayloads.Settings()) settings[k] = v;
        await using var host = await PipelineHost.StartAsync(settings);
        using var http = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 })
        {
            BaseAddress = host.BaseAddress,
        };

        var wrong = new List<string>();
        foreach (var bad in BadInputCorpus.EdgeCases(collector: true))
        {
            using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
            if (bad.Method != "GET")
            {
                request.Content = new ByteArrayContent(bad.Body);
                if (bad.Headers.TryGetValue("Content-Type", out var type)) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            foreach (var (name, value) in bad.Headers.Where(h => h.Key != "Content-Type")) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var reason = body.StartsWith('{') ? JsonDocument.Parse(body).RootElement.GetProperty("error").GetString() : null;
            output.WriteLine($"{bad.Kind}: {(int)response.StatusCode} {reason}");
            if ((int)response.StatusCode != 400 || string.IsNullOrEmpty(reason)) wrong.Add($"{bad.Kind} {bad.Path}: {(int)response.StatusCode} {reason}");
        }

        Assert.Empty(wrong);
        Assert.Equal(0, await host.MessageCountAsync(host.EventsQueue));
        foreach (var table in new[] { "visitors", "clicks", "identities", "ledger", "outbox" })
            Assert.Empty(await RowsAsync(host, table));
    }

    private static async Task<List<Azure.Data.Tables.TableEntity>> RowsAsync(PipelineHost host, string table)
    {
        try
        {
            return await host.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }
    }
}
