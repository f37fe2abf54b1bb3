using System.Diagnostics;
using System.Net.Http.Json;
using Pipeline.IntegrationTests.Fakes;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.IntegrationTests.Sources;
using Pipeline.Configuration;
using Pipeline.Ledger;
using Pipeline.Sources.Shopify;
using Pipeline.Standalone;

namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// The reliability scenarios, sized by the caller: the test suite runs them small, the bench tool
/// (<c>reliability --long</c>) large. Each returns the numbers of its one summary line.
/// </summary>
public static class ReliabilityScenarios
{
    public const string OperatorKey = "reliability-operator-key";

    private static readonly string[] Destinations = [PlatformFakes.MetaId, PlatformFakes.TikTokId, PlatformFakes.GoogleId];

    /// <summary>First order id of a load; every scenario has storage and fakes of its own, so ids may repeat across them.</summary>
    private const long FirstOrder = 6_000_000_000_000;

    private static Dictionary<string, string?> HostSettings(PlatformFakes fakes, PipelineStorage storage, string? metaToken = null, TimeSpan? timeout = null)
    {
        var settings = fakes.Settings(metaToken, timeout);
        foreach (var (k, v) in ShopifyOrders.Settings()) settings[k] = v;
        foreach (var (k, v) in storage.Settings()) settings[k] = v;
        settings["Pipeline:OperatorKeys"] = OperatorKey;
        settings["Pipeline:ApiKeys"] = PipelineHost.ApiKey;
        // Orders from visitors the collector never saw would otherwise wait once (60 s) for late browser data.
        settings["Pipeline:Match:LateDataRetries"] = "0";
        return settings;
    }

    /// <summary>Every platform fails (500, 429, timeouts) for <paramref name="window"/>, then recovers.</summary>
    public static async Task<ScenarioResult> PlatformFaultsAsync(int orders, TimeSpan window, TimeSpan deliveryTimeout)
    {
        await using var fakes = await PlatformFakes.StartAsync();
        var clock = Stopwatch.StartNew();
        fakes.FailWhile(() => clock.Elapsed < window, hang: TimeSpan.FromSeconds(3));
        var storage = PipelineStorage.Fresh((await Azurite.Shared).ConnectionString);
        await using var host = await PipelineHost.StartAsync(HostSettings(fakes, storage, timeout: TimeSpan.FromSeconds(1)));
        var sender = new LoadSender(host.Http);
        clock.Restart();
        await sender.SendAsync(FirstOrder, orders, concurrency: 4, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        var accepted = sender.Accepted.Keys.ToList();
        await WaitDeliveredAsync(fakes, accepted, deliveryTimeout);
        var agree = await storage.LedgerCountAsync(accepted, Destinations, DeliveryState.Delivered);
        var faults = fakes.Meta.Requests.Count - fakes.Meta.Succeeded.Count + fakes.TikTok.Requests.Count - fakes.TikTok.Succeeded.Count
            + fakes.Google.Requests.Count - fakes.Google.Succeeded.Count;
        return fakes.Tally("platform-faults", orders, accepted, detail: $"faulted requests={faults}; ledger delivered={agree}/{accepted.Count * 3}");
    }

    /// <summary>
    /// Meta refuses every event for good (code 100) while "misconfigured"; the rows go dead with Meta's reason; after
    /// the fix an operator replay delivers them all, and the other destinations never see a resend.
    /// </summary>
    public static async Task<ScenarioResult> PermanentErrorsAndReplayAsync(int orders, TimeSpan deliveryTimeout)
    {
        await using var fakes = await PlatformFakes.StartAsync();
        var broken = true;
        fakes.Meta.Fault = (_, _) => Task.FromResult(broken
            ? new FakeAnswer(400, FakeMetaServer.ErrorBody(100, "Invalid parameter", subcode: 2804019))
            : null);
        var storage = PipelineStorage.Fresh((await Azurite.Shared).ConnectionString);
        await using var host = await PipelineHost.StartAsync(HostSettings(fakes, storage));
        var sender = new LoadSender(host.Http);
        await sender.SendAsync(FirstOrder, orders, concurrency: 4, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        var accepted = sender.Accepted.Keys.ToList();

        var deadWithReason = 0;
        await Eventually.True(async () =>
        {
            deadWithReason = 0;
            foreach (var id in accepted)
            {
                if (await host.Ledger.GetAsync(id, PlatformFakes.MetaId, default) is { State: DeliveryState.Dead } row && (row.LastError ?? "").Contains("code=100"))
                    deadWithReason++;
            }
            return deadWithReason == accepted.Count;
        }, "every Meta delivery to be dead with Meta's reason", deliveryTimeout);

        broken = false;
        using var replay = new HttpRequestMessage(HttpMethod.Post, "/api/operator/replay")
        {
            Content = JsonContent.Create(new { destination = PlatformFakes.MetaId, reason = "code=100", note = "fixed the Meta setup" }),
        };
        replay.Headers.Add("x-operator-key", OperatorKey);
        var summary = await (await host.Http.SendAsync(replay)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var enqueued = summary.GetProperty("enqueued").GetInt32();

        await WaitDeliveredAsync(fakes, accepted, deliveryTimeout);
        var agree = await storage.LedgerCountAsync(accepted, Destinations, DeliveryState.Delivered);
        return fakes.Tally("permanent-errors-replay", orders, accepted,
            detail: $"dead with reason={deadWithReason}; replayed={enqueued}; ledger delivered={agree}/{accepted.Count * 3}");
    }

    /// <summary>
    /// SIGKILL the host (a child process) halfway through a load, start it again; the load keeps retrying like
    /// Shopify. <paramref name="waitForLeases"/>: also wait out the 10-minute lease of the messages the killed
    /// process held, so they are delivered too; otherwise they count as still queued (durable, not lost).
    /// </summary>
    public static async Task<ScenarioResult> CrashAsync(int orders, bool waitForLeases, TimeSpan deliveryTimeout)
    {
        await using var fakes = await PlatformFakes.StartAsync();
        var storage = PipelineStorage.Fresh((await Azurite.Shared).ConnectionString);
        await using var host = await StandaloneProcess.StartAsync(HostSettings(fakes, storage));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var sender = new LoadSender(http);
        var killed = 0;
        Task restarted = Task.CompletedTask;
        sender.OnAccepted = n =>
        {
            if (n < orders / 2 || Interlocked.Exchange(ref killed, 1) == 1) return;
            host.Kill();
            restarted = Task.Run(host.StartAsync);
        };
        await sender.SendAsync(FirstOrder, orders, concurrency: 4, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        await restarted;
        var accepted = sender.Accepted.Keys.ToList();

        var inFlight = await WaitDeliveredOrLeasedAsync(fakes, storage, accepted, waitForLeases, deliveryTimeout);
        var kept = fakes.Kept();
        var everywhere = accepted.Where(id => kept.Values.All(k => k.ContainsKey(id))).ToList();
        var agree = await storage.LedgerCountAsync(everywhere, Destinations, DeliveryState.Delivered);
        return fakes.Tally("crash-sigkill", orders, accepted, inFlight,
            $"killed after {orders / 2} accepted; connection failures={sender.ConnectionFailures}; ledger agrees={agree}/{everywhere.Count * 3}");
    }

    /// <summary>
    /// Storage (a dedicated Azurite) stops for <paramref name="outage"/> in the middle of a paced load and comes back
    /// on the same ports and data. Webhooks answer 503 meanwhile (the sender retries as Shopify does).
    /// </summary>
    public static async Task<ScenarioResult> StorageOutageAsync(int orders, TimeSpan duration, TimeSpan outage, TimeSpan deliveryTimeout)
    {
        await using var azurite = await Azurite.StartDedicatedAsync();
        await using var fakes = await PlatformFakes.StartAsync();
        var storage = PipelineStorage.Fresh(azurite.ConnectionString);
        await using var host = await StandaloneProcess.StartAsync(HostSettings(fakes, storage));
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var sender = new LoadSender(http);
        // Retried like Shopify for long enough that a claim left by a request cut off by the outage has run out.
        var load = sender.SendAsync(FirstOrder, orders, concurrency: 4, duration + outage + new LeaseOptions().IngestClaim + TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(1), pacing: duration / orders);

        await Task.Delay(duration / 3);
        await azurite.StopAsync();
        var healthDuringOutage = 0;
        var outageClock = Stopwatch.StartNew();
        while (outageClock.Elapsed < outage)
        {
            try
            {
                if ((await http.GetAsync("/api/health")).IsSuccessStatusCode) healthDuringOutage++;
            }
            catch (HttpRequestException)
            {
                // Counted below as a crash if the process is gone.
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var aliveThroughOutage = host.ProcessId is not null;
        await azurite.RestartAsync();
        await load;

        var accepted = sender.Accepted.Keys.ToList();
        // What was accepted is delivered within the documented bound once storage is back, plus the time the work
        // itself takes (deliveryTimeout: generous, for a busy machine); except a message storage handed to a dequeue
        // whose answer the outage cut off: only the queue hides it, for the trigger's 10-minute lease (RELIABILITY.md).
        int hidden;
        try
        {
            hidden = await WaitDeliveredOrHiddenByQueueAsync(fakes, storage, accepted, RecoveryBound(storage) + deliveryTimeout);
        }
        catch (TimeoutException e)
        {
            var (total, visible) = await storage.QueuedAsync();
            var kept = fakes.Kept();
            var missing = accepted.Where(id => !kept.Values.All(k => k.ContainsKey(id))).ToList();
            throw new TimeoutException($"{e.Message} Queued: {total} ({visible} visible). Ledger of the missing (now {DateTimeOffset.UtcNow:HH:mm:ss.f}):{Environment.NewLine}" +
                $"{await storage.DescribeLedgerAsync(missing)}{Environment.NewLine}Host output:{Environment.NewLine}{host.RecentOutput()}", e);
        }
        var unavailable = sender.Statuses.GetValueOrDefault(503);
        var otherErrors = sender.Statuses.Where(s => s.Key >= 500 && s.Key != 503).Sum(s => s.Value);
        return fakes.Tally("storage-outage", orders, accepted, hidden,
            detail: $"503 answers={unavailable}; other 5xx={otherErrors}; host alive={aliveThroughOutage}; health ok during outage={healthDuringOutage}");
    }

    /// <summary>
    /// Every order arrives as <paramref name="copies"/> copies at the same moment, all orders at once: Shopify's retries
    /// of an answer that was slow (same <c>X-Shopify-Webhook-Id</c>) mixed with a second subscription's and a proxy's
    /// duplicates (another webhook id), the same signed body each time. Copies answered 409 (another copy in flight) or 5xx are retried, as Shopify retries every non-2xx.
    /// Counts the answers that said "enqueued" and how many times each platform kept each order, once the queues are
    /// empty (so no late copy can still arrive).
    /// </summary>
    public static async Task<ScenarioResult> ConcurrentCopiesAsync(int orders, int copies, TimeSpan deliveryTimeout)
    {
        await using var fakes = await PlatformFakes.StartAsync();
        var storage = PipelineStorage.Fresh((await Azurite.Shared).ConnectionString);
        var settings = HostSettings(fakes, storage);
        // A copy that finds another one's lease comes back when it expires; short here so the queues empty quickly.
        settings["Pipeline:Leases:Delivery"] = "00:00:20";
        await using var host = await PipelineHost.StartAsync(settings);

        var now = DateTimeOffset.UtcNow;
        var enqueuedAnswers = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var accepted = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var unanswered = 0;
        var sends = Enumerable.Range(0, orders).SelectMany(o => Enumerable.Range(0, copies).Select(async copy =>
        {
            var orderId = FirstOrder + o;
            // Half the copies share the webhook id of Shopify's retries, the rest each have their own.
            var webhookId = copy < copies / 2 ? $"w-{orderId}" : $"w-{orderId}-{copy}";
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                HttpResponseMessage response;
                try
                {
                    response = await host.Http.SendAsync(ShopifyOrders.Request(orderId, now, webhookId));
                }
                catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
                {
                    // No answer in time (240 requests at once on a busy machine): Shopify retries that like a non-2xx.
                    Interlocked.Increment(ref unanswered);
                    if (deadline.Elapsed > deliveryTimeout) return;
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    continue;
                }
                using var _ = response;
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode == System.Net.HttpStatusCode.OK)
                {
                    var answer = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                    var eventId = ShopifyOrders.EventId(orderId);
                    accepted[eventId] = 0;
                    if (answer.GetProperty("enqueued").GetArrayLength() > 0) enqueuedAnswers.AddOrUpdate(eventId, 1, (_, n) => n + 1);
                    return;
                }
                var retried = response.StatusCode == System.Net.HttpStatusCode.Conflict || (int)response.StatusCode >= 500;
                if (!retried || deadline.Elapsed > deliveryTimeout) return;
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        })).ToList();
        await Task.WhenAll(sends);

        var ids = accepted.Keys.ToList();
        await WaitDeliveredAsync(fakes, ids, deliveryTimeout);
        await Eventually.True(async () => (await storage.QueuedAsync()).Total == 0, "the queues to empty", deliveryTimeout);
        var agree = await storage.LedgerCountAsync(ids, Destinations, DeliveryState.Delivered);
        // The ingest ledger's own count of enqueues per order: exact even when the answer of the copy that enqueued
        // never reached the sender (it gave up waiting), which the answers cannot show.
        var enqueues = new List<int>();
        for (var o = 0; o < orders; o++)
            enqueues.Add((await host.IngestKeyAsync(ShopifyKeys.Order(ShopifyPayloads.Shop, (FirstOrder + o).ToString())))?.Enqueues ?? 0);
        var kept = fakes.Kept();
        var mostCopies = string.Join(" ", kept.Select(k => $"{k.Key}={(k.Value.Count == 0 ? 0 : k.Value.Values.Max())}"));
        var extraCopies = string.Join(" ", kept.Select(k => $"{k.Key}={k.Value.Values.Sum(n => n - 1)}"));
        return fakes.Tally("concurrent-copies", orders * copies, ids,
            detail: $"{copies} copies per order; answers {string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}; no answer in time={unanswered}; " +
                $"enqueued answers={enqueuedAnswers.Values.Sum()} (most for one order={(enqueuedAnswers.IsEmpty ? 0 : enqueuedAnswers.Values.Max())}); " +
                $"ingest enqueues={enqueues.Sum()} (most for one order={enqueues.Max()}, fewest={enqueues.Min()}); " +
                $"most copies of one order kept: {mostCopies}; extra copies kept: {extraCopies}; ledger delivered={agree}/{ids.Count * 3}");
    }

    /// <summary>
    /// The bound RELIABILITY.md documents on delivery once storage answers again, for a host that kept running: the
    /// listeners restart within <see cref="QueueListenerSupervisor.MaxRestartDelay"/>; a message finished during the
    /// outage is completed within one retry pause (<see cref="OutageTolerantQueueProcessor.MaxRetryPause"/>), a failed
    /// one becomes visible after <c>visibilityTimeout</c> and is polled within <c>maxPollingInterval</c>; an outcome
    /// or a released lease written during the outage lands within one more pause (<see cref="LedgerLeases.MaxRetryPause"/>),
    /// and a copy that found its row held looks again within <see cref="LeaseDeferral.MaxWait"/>.
    /// </summary>
    public static TimeSpan RecoveryBound(PipelineStorage storage) =>
        QueueListenerSupervisor.MaxRestartDelay + OutageTolerantQueueProcessor.MaxRetryPause + LedgerLeases.MaxRetryPause
        + storage.VisibilityTimeout + storage.MaxPollingInterval + LeaseDeferral.MaxWait;

    /// <summary>Sends the whole malformed corpus, then checks for 5xx, the host's health and an untouched storage.</summary>
    public static async Task<BadInputOutcome> BadInputAsync()
    {
        await using var fakes = await PlatformFakes.StartAsync();
        var storage = PipelineStorage.Fresh((await Azurite.Shared).ConnectionString);
        var settings = HostSettings(fakes, storage);
        foreach (var (k, v) in Sources.StripePayloads.Settings()) settings[k] = v;
        await using var host = await PipelineHost.StartAsync(settings);
        using var probe = await host.Http.PostAsync(BadInputCorpus.CollectorPath, new StringContent("{}"));
        var collector = probe.StatusCode != System.Net.HttpStatusCode.NotFound;
        var corpus = BadInputCorpus.Generate(collector);

        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        // UTF-8 header bytes as sent: the default client refuses non-ASCII header values.
        using var http = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (bad, ct) =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
            if (bad.Method != "GET")
            {
                request.Content = new ByteArrayContent(bad.Body);
                if (bad.Headers.TryGetValue("Content-Type", out var type)) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            foreach (var (name, value) in bad.Headers.Where(h => h.Key != "Content-Type")) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await http.SendAsync(request, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        });
        var raw = 0;
        foreach (var text in BadInputCorpus.HeaderInjections(host.BaseAddress.Authority))
        {
            statuses.AddOrUpdate(await RawStatusAsync(host.BaseAddress, text), 1, (_, n) => n + 1);
            raw++;
        }

        var healthy = (await host.Http.GetAsync("/api/health")).IsSuccessStatusCode;
        var serverErrors = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        var accepted = statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value);
        var queued = await storage.AllQueuedAsync();
        var collect = await storage.RowCountAsync("visitors") + await storage.RowCountAsync("clicks") + await storage.RowCountAsync("identities");
        var outcome = new BadInputOutcome(
            new ScenarioResult("bad-input", corpus.Count + raw, accepted, 0, 0, 0,
                $"endpoints={(collector ? 5 : 4)}; answers {string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}; 5xx={serverErrors}; queued={queued}"),
            new Dictionary<int, int>(statuses), serverErrors, queued,
            await storage.RowCountAsync("ledger"), await storage.RowCountAsync("outbox"), await storage.RowCountAsync("ingest"), collect, healthy);
        return outcome;
    }

    /// <summary>Sends raw bytes over a socket and reads the status code of the answer (0 if the server just closed).</summary>
    private static async Task<int> RawStatusAsync(Uri baseAddress, string request)
    {
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(request));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        var head = System.Text.Encoding.Latin1.GetString(buffer, 0, read);
        return head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(head.AsSpan(9, 3), out var status) ? status : 0;
    }

    private static Task WaitDeliveredAsync(PlatformFakes fakes, IReadOnlyCollection<string> accepted, TimeSpan timeout) =>
        Eventually.True(() =>
        {
            var kept = fakes.Kept();
            return Task.FromResult(accepted.All(id => kept.Values.All(k => k.ContainsKey(id))));
        }, $"{accepted.Count} orders to reach every platform", timeout);

    /// <summary>
    /// Waits until everything accepted is delivered, or what is missing is held by nothing but the queue: no message
    /// visible, as many hidden as are missing, and no ledger row of theirs under a live lease (so nothing the pipeline
    /// holds or will retry soon), 5 s in a row. Returns the number of hidden messages then.
    /// </summary>
    private static async Task<int> WaitDeliveredOrHiddenByQueueAsync(PlatformFakes fakes, PipelineStorage storage,
        IReadOnlyCollection<string> accepted, TimeSpan timeout)
    {
        var settled = Stopwatch.StartNew();
        var hidden = 0;
        await Eventually.True(async () =>
        {
            var kept = fakes.Kept();
            var missing = accepted.Where(id => !kept.Values.All(k => k.ContainsKey(id))).ToList();
            if (missing.Count == 0)
            {
                hidden = 0;
                return true;
            }
            var (total, visible) = await storage.QueuedAsync();
            if (visible > 0 || missing.Count > total || await storage.AnyLeaseHeldAsync(missing)) settled.Restart();
            hidden = total;
            return settled.Elapsed > TimeSpan.FromSeconds(5);
        }, $"{accepted.Count} orders to reach every platform (or be hidden by the queue alone)", timeout);
        return hidden;
    }

    /// <summary>Waits until everything is delivered, or (without waiting for leases) until what is missing is exactly
    /// what sits leased on the queues for 5 s in a row. Returns the number still queued.</summary>
    private static async Task<int> WaitDeliveredOrLeasedAsync(PlatformFakes fakes, PipelineStorage storage,
        IReadOnlyCollection<string> accepted, bool waitForLeases, TimeSpan timeout)
    {
        var settled = Stopwatch.StartNew();
        var queued = 0;
        await Eventually.True(async () =>
        {
            var kept = fakes.Kept();
            var missing = accepted.Count(id => !kept.Values.All(k => k.ContainsKey(id)));
            if (missing == 0)
            {
                queued = 0;
                return true;
            }
            if (waitForLeases) return false;
            var (total, visible) = await storage.QueuedAsync();
            if (visible > 0 || missing > total) settled.Restart();
            queued = total;
            return settled.Elapsed > TimeSpan.FromSeconds(5);
        }, "every accepted order to be delivered or held on a queue", timeout);
        return queued;
    }
}
