using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Configuration;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Storage;

namespace Pipeline.IntegrationTests.Collect;

/// <summary>
/// A pipeline host whose collector puts browser events on a queue no trigger reads, so a test sees exactly what was
/// queued (the matcher would otherwise take them off at once); plus a cookie-aware way to post hits.
/// </summary>
public sealed class CollectorHost : IAsyncDisposable
{
    public const string CapturedSuffix = "-collected";

    private readonly List<JsonElement> _events = [];

    private CollectorHost(PipelineHost host)
    {
        Host = host;
        Http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = host.BaseAddress };
    }

    public PipelineHost Host { get; }
    public HttpClient Http { get; }
    public Uri BaseAddress => Host.BaseAddress;
    public string CapturedQueue => Host.EventsQueue + CapturedSuffix;
    public StorageTransactionCounter Counter => Host.Services.GetRequiredService<StorageTransactionCounter>();

    public static async Task<CollectorHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var host = await PipelineHost.StartAsync(settings, services: services => services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IConfiguration>().GetSection(PipelineOptions.Section).Get<PipelineOptions>()!;
            options.EventsQueue += CapturedSuffix;
            return options;
        }));
        return new CollectorHost(host);
    }

    public TableClient Visitors => Host.Table("visitors");
    public TableClient Clicks => Host.Table("clicks");
    public TableClient Identities => Host.Table("identities");

    /// <summary>Posts a hit body as the snippet does (text/plain), with the given cookies and headers.</summary>
    public async Task<HitResponse> PostAsync(object body, IDictionary<string, string>? cookies = null,
        IDictionary<string, string>? headers = null, string path = "/api/s/h")
    {
        var json = body as string ?? JsonSerializer.Serialize(body);
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "text/plain") },
            cookies, headers);
    }

    public async Task<HitResponse> SendAsync(HttpRequestMessage request, IDictionary<string, string>? cookies = null,
        IDictionary<string, string>? headers = null)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (cookies is { Count: > 0 })
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        using var response = await Http.SendAsync(request);
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        return new HitResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), setCookies,
            response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    public async Task<List<TableEntity>> VisitorRowsAsync(string visitorId) =>
        await Visitors.QueryAsync<TableEntity>(e => e.PartitionKey == visitorId).ToListAsync();

    public async Task<TableEntity?> ProfileAsync(string visitorId) =>
        (await Visitors.GetEntityIfExistsAsync<TableEntity>(visitorId, "profile")) is { HasValue: true } r ? r.Value : null;

    /// <summary>Every browser event queued so far (taken off the queue and kept here, however many there are).</summary>
    public async Task<List<JsonElement>> QueuedEventsAsync()
    {
        var queue = Host.Queue(CapturedQueue);
        while (true)
        {
            QueueMessage[] messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10))).Value;
            if (messages.Length == 0) break;
            foreach (var message in messages)
            {
                lock (_events) _events.Add(JsonDocument.Parse(message.Body.ToString()).RootElement.GetProperty("event").Clone());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
        lock (_events) return [.. _events];
    }

    /// <summary>The text of every entity in every table of this host (for "no plaintext anywhere" checks).</summary>
    public async Task<string> DumpAllTablesAsync()
    {
        var dump = new StringBuilder();
        var service = new TableServiceClient(Host.Azurite.ConnectionString);
        await foreach (var table in service.QueryAsync(t => t.Name.CompareTo(Host.TablePrefix) >= 0))
        {
            if (!table.Name.StartsWith(Host.TablePrefix, StringComparison.Ordinal)) continue;
            await foreach (var entity in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
                dump.AppendLine(JsonSerializer.Serialize(entity));
        }
        return dump.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>What the collector answered.</summary>
public sealed record HitResponse(HttpStatusCode Status, string Body, IReadOnlyList<string> SetCookies, IReadOnlyDictionary<string, string> Headers)
{
    public string? Cookie(string name) =>
        SetCookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } c ? c[(name.Length + 1)..c.IndexOf(';')] : null;

    public string? SetCookieLine(string name) => SetCookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    public string? Vid => Body.Length > 0 && Body.TrimStart().StartsWith('{') && JsonDocument.Parse(Body).RootElement.TryGetProperty("vid", out var v) ? v.GetString() : null;
}
