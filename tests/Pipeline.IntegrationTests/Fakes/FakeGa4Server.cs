using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>
/// Local stand-in for the GA4 Measurement Protocol: records what it receives; /mp/collect answers 204 like the real
/// one, /debug/mp/collect answers programmable validationMessages (none by default).
/// </summary>
public sealed class FakeGa4Server : IAsyncDisposable
{
    /// <summary>One request as received.</summary>
    public sealed record ReceivedRequest(string Path, string? MeasurementId, string? ApiSecret, string Body)
    {
        public bool Debug => Path.StartsWith("/debug/", StringComparison.Ordinal);
    }

    /// <summary>One entry of the debug endpoint's validationMessages.</summary>
    public sealed record ValidationMessage(string FieldPath, string ValidationCode, string Description);

    private sealed record Answer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers);

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Queue<Answer> _answers = new();

    private FakeGa4Server(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get { lock (_gate) return _requests.ToList(); }
    }

    /// <summary>How many events each request carried, in arrival order.</summary>
    public IReadOnlyList<int> EventsPerRequest() => Requests.Select(r => BatchBody.Items(r.Body, "events").Count).ToList();

    /// <summary>The next request is answered with these validation messages (on either endpoint, status 200).</summary>
    public void EnqueueValidationMessages(params ValidationMessage[] messages)
    {
        var body = JsonSerializer.Serialize(new
        {
            validationMessages = messages.Select(m => new { fieldPath = m.FieldPath, description = m.Description, validationCode = m.ValidationCode }),
        });
        Enqueue(new Answer(200, body, null));
    }

    /// <summary>The next request is answered with this status (e.g. 429 with Retry-After, 500).</summary>
    public void EnqueueAnswer(int status, string body = "", IReadOnlyDictionary<string, string>? headers = null) =>
        Enqueue(new Answer(status, body, headers));

    public static async Task<FakeGa4Server> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGa4Server(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    private void Enqueue(Answer answer)
    {
        lock (_gate) _answers.Enqueue(answer);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!HttpMethods.IsPost(context.Request.Method) || path is not ("/mp/collect" or "/debug/mp/collect"))
        {
            context.Response.StatusCode = 404;
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var received = new ReceivedRequest(
            path, context.Request.Query["measurement_id"].FirstOrDefault(), context.Request.Query["api_secret"].FirstOrDefault(), body);

        Answer? answer;
        lock (_gate)
        {
            _requests.Add(received);
            _answers.TryDequeue(out answer);
        }
        answer ??= received.Debug ? new Answer(200, """{"validationMessages":[]}""", null) : new Answer(204, "", null);

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (answer.Body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
