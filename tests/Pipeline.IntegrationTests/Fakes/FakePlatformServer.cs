using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>
/// A local stand-in for an ad platform: a Kestrel server on a free loopback port that records every request,
/// checks credentials, and answers from a programmable queue (falling back to the platform's success answer).
/// </summary>
public abstract class FakePlatformServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeAnswer> answers = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private readonly ConcurrentQueue<ReceivedRequest> succeeded = new();
    private readonly ConcurrentDictionary<string, byte> rejectedEvents = new(StringComparer.Ordinal);
    private WebApplication? app;

    /// <summary>Root URL of the server (no trailing slash): set it as the destination's BaseUrl.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request received so far, in arrival order, including those refused for bad credentials.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => received.ToArray();

    /// <summary>Requests given the platform's success answer (what the platform kept), in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Succeeded => succeeded.ToArray();

    /// <summary>
    /// Consulted first for every request: a non-null answer replaces the platform's (a fault window); it may also
    /// delay, to be a timeout. Null lets the request through.
    /// </summary>
    public Func<ReceivedRequest, CancellationToken, Task<FakeAnswer?>>? Fault { get; set; }

    /// <summary>Queues the answer for the next authorized request; unqueued requests get the success answer.</summary>
    public void EnqueueAnswer(int status, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        answers.Enqueue(new FakeAnswer(status, body, headers));

    /// <summary>
    /// From now on every request carrying this event id is refused as a whole, naming the event, as the platform
    /// refuses a batch for one invalid event (also when the event comes alone).
    /// </summary>
    public void RejectEvent(string eventId) => rejectedEvents[eventId] = 0;

    /// <summary>How many events each request carried, in arrival order.</summary>
    public IReadOnlyList<int> EventsPerRequest() => Requests.Select(r => EventIds(r).Count).ToList();

    /// <summary>Events received over all requests, counted once per request that carried them.</summary>
    public int EventsReceived => Requests.Sum(r => EventIds(r).Count);

    /// <summary>The event ids a request carries, in request order.</summary>
    public abstract IReadOnlyList<string?> EventIds(ReceivedRequest request);

    /// <summary>The platform's answer refusing a whole request because of the event at <paramref name="index"/>.</summary>
    protected abstract FakeAnswer RejectBatch(string eventId, int index);

    /// <summary>The platform's answer to a request with wrong credentials, or null when they are right.</summary>
    protected abstract FakeAnswer? RejectCredentials(ReceivedRequest request);

    /// <summary>The platform's success answer to an authorized request.</summary>
    protected abstract FakeAnswer Success(ReceivedRequest request);

    protected async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var request = new ReceivedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync(context.RequestAborted));
        received.Enqueue(request);

        var answer = Fault is { } fault ? await fault(request, context.RequestAborted) : null;
        answer ??= RejectCredentials(request) ?? Rejection(request) ?? (answers.TryDequeue(out var queued) ? queued : null);
        if (answer is null)
        {
            answer = Success(request);
            succeeded.Enqueue(request);
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    private FakeAnswer? Rejection(ReceivedRequest request)
    {
        if (rejectedEvents.IsEmpty) return null;
        var ids = EventIds(request);
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] is { } id && rejectedEvents.ContainsKey(id)) return RejectBatch(id, i);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
