using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.IntegrationTests.Fakes;

/// <summary>
/// Local stand-in for the Google Ads API upload methods. Checks the Bearer token and developer-token, records every
/// request, and by default answers success results aligned with the uploaded rows; answers can be queued, including
/// partial failures (built against the request's rows), 401 and 429.
/// </summary>
public sealed class FakeGoogleAdsServer : IAsyncDisposable
{
    public const string DefaultDeveloperToken = "fake-developer-token";

    /// <summary>One request as received; <see cref="Body"/> is the raw JSON.</summary>
    public sealed record ReceivedRequest(
        string Path, string CustomerId, string Method, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonNode? Json => JsonNode.Parse(Body);
    }

    /// <summary>An answer: status, JSON body, extra headers.</summary>
    public sealed record Answer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly List<ReceivedRequest> _succeeded = [];
    private readonly Queue<Func<ReceivedRequest, JsonArray, Answer>> _answers = new();
    private readonly Dictionary<string, string> _rejectedRows = new(StringComparer.Ordinal);

    private FakeGoogleAdsServer(WebApplication app, string developerToken)
    {
        _app = app;
        DeveloperToken = developerToken;
    }

    public string BaseUrl { get; private set; } = "";

    public string DeveloperToken { get; }

    /// <summary>Which Bearer tokens pass; any non-empty one by default (use FakeGoogleOAuthServer.IsValid to tie the two).</summary>
    public Func<string, bool> AcceptsAccessToken { get; set; } = token => token.Length > 0;

    /// <summary>Every request received, authorized or not, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get { lock (_gate) return _requests.ToList(); }
    }

    /// <summary>Uploads given the default success answer (what Google kept), in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Succeeded
    {
        get { lock (_gate) return _succeeded.ToList(); }
    }

    /// <summary>
    /// Consulted first for every request: a non-null answer replaces Google's (a fault window); it may also delay,
    /// to be a timeout. Null lets the request through.
    /// </summary>
    public Func<ReceivedRequest, CancellationToken, Task<Answer?>>? Fault { get; set; }

    /// <summary>The next authorized request gets this answer as is.</summary>
    public void Enqueue(Answer answer) => Enqueue((_, _) => answer);

    /// <summary>The next authorized request gets an answer computed from it and its rows.</summary>
    public void Enqueue(Func<ReceivedRequest, JsonArray, Answer> answer)
    {
        lock (_gate) _answers.Enqueue(answer);
    }

    /// <summary>
    /// The next upload succeeds except for the named rows, which fail with the given codes (category
    /// conversionUploadError, or conversionAdjustmentUploadError for adjustments) as a partial failure.
    /// </summary>
    public void EnqueuePartialFailure(params (int Index, string Code)[] failures) =>
        Enqueue((request, rows) => PartialFailure(request, rows, failures));

    /// <summary>
    /// From now on the row with this orderId fails with <paramref name="code"/> as a partial failure of whichever
    /// upload carries it, at its index there; the other rows of that upload succeed.
    /// </summary>
    public void RejectRow(string orderId, string code = "UNPARSEABLE_GCLID")
    {
        lock (_gate) _rejectedRows[orderId] = code;
    }

    /// <summary>How many rows (conversions or adjustments) each request carried, in arrival order.</summary>
    public IReadOnlyList<int> EventsPerRequest() =>
        Requests.Select(r => BatchBody.Items(r.Body, RowsField(r.Method)).Count).ToList();

    private (int Index, string Code)[] RejectedRows(JsonArray rows)
    {
        lock (_gate)
        {
            if (_rejectedRows.Count == 0) return [];
            return rows.Select((row, i) => (i, Id: row?["orderId"]?.GetValue<string>()))
                .Where(x => x.Id is not null && _rejectedRows.ContainsKey(x.Id))
                .Select(x => (x.i, _rejectedRows[x.Id!]))
                .ToArray();
        }
    }

    private static Answer PartialFailure(ReceivedRequest request, JsonArray rows, (int Index, string Code)[] failures)
    {
        var category = request.Method == "uploadConversionAdjustments" ? "conversionAdjustmentUploadError" : "conversionUploadError";
        var field = RowsField(request.Method);
        var failed = failures.Select(f => f.Index).ToHashSet();
        var results = new JsonArray(rows.Select((row, i) => (JsonNode)(failed.Contains(i) ? new JsonObject() : Result(request.Method, row!))).ToArray());
        var errors = new JsonArray(failures.Select(f => (JsonNode)new JsonObject
        {
            ["errorCode"] = new JsonObject { [category] = f.Code },
            ["message"] = $"Fake failure {f.Code}.",
            ["location"] = new JsonObject
            {
                ["fieldPathElements"] = new JsonArray(new JsonObject { ["fieldName"] = field, ["index"] = f.Index }),
            },
        }).ToArray());
        var body = new JsonObject
        {
            ["results"] = results,
            ["partialFailureError"] = new JsonObject
            {
                ["code"] = 3,
                ["message"] = string.Join(", ", failures.Select(f => $"Fake failure {f.Code}., at {field}[{f.Index}]")),
                ["details"] = new JsonArray(new JsonObject
                {
                    ["@type"] = "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
                    ["errors"] = errors,
                    ["requestId"] = "fake-request",
                }),
            },
        };
        return new Answer(200, body.ToJsonString());
    }

    /// <summary>The next request is refused as if its access token had expired.</summary>
    public void EnqueueUnauthenticated() => Enqueue(Unauthenticated("OAUTH_TOKEN_EXPIRED"));

    /// <summary>The next request is refused for quota, naming the delay Google asks for.</summary>
    public void EnqueueRateLimited(TimeSpan retryDelay) => Enqueue(new Answer(429, $$$$"""
        {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
        "details":[{"@type":"type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
        "errors":[{"errorCode":{"quotaError":"RESOURCE_EXHAUSTED"},"message":"Too many requests.",
        "details":{"quotaErrorDetails":{"rateScope":"DEVELOPER","retryDelay":"{{{{(int)retryDelay.TotalSeconds}}}}s"}}}],
        "requestId":"fake-request"}]}}
        """));

    public static async Task<FakeGoogleAdsServer> StartAsync(
        string developerToken = DefaultDeveloperToken, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGoogleAdsServer(app, developerToken);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        // Path: /{version}/customers/{customerId}:{method}
        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        var colon = segments.Length == 3 ? segments[2].IndexOf(':') : -1;
        if (!HttpMethods.IsPost(context.Request.Method) || segments.Length != 3 || segments[1] != "customers" || colon <= 0)
        {
            await Write(context, new Answer(404, """{"error":{"code":404,"message":"Not found.","status":"NOT_FOUND"}}"""));
            return;
        }
        var customerId = segments[2][..colon];
        var method = segments[2][(colon + 1)..];

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.Path.Value!, customerId, method, headers, body);
        lock (_gate) _requests.Add(request);
        if (Fault is { } fault && await fault(request, context.RequestAborted) is { } faulted)
        {
            await Write(context, faulted);
            return;
        }

        var authorization = headers.GetValueOrDefault("Authorization") ?? "";
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !AcceptsAccessToken(authorization["Bearer ".Length..]))
        {
            await Write(context, Unauthenticated("OAUTH_TOKEN_INVALID"));
            return;
        }
        if (headers.GetValueOrDefault("developer-token") != DeveloperToken)
        {
            await Write(context, Unauthenticated("DEVELOPER_TOKEN_INVALID"));
            return;
        }
        if (method is not ("uploadClickConversions" or "uploadConversionAdjustments"))
        {
            await Write(context, new Answer(404, """{"error":{"code":404,"message":"Method not found.","status":"NOT_FOUND"}}"""));
            return;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            await Write(context, new Answer(400, """{"error":{"code":400,"message":"Invalid JSON payload received.","status":"INVALID_ARGUMENT"}}"""));
            return;
        }
        var rows = json?[RowsField(method)] as JsonArray ?? [];

        Func<ReceivedRequest, JsonArray, Answer>? queued;
        lock (_gate) _answers.TryDequeue(out queued);
        var answer = queued?.Invoke(request, rows);
        if (answer is null && RejectedRows(rows) is { Length: > 0 } rejected) answer = PartialFailure(request, rows, rejected);
        if (answer is null)
        {
            answer = Success(method, rows, validateOnly: json?["validateOnly"]?.GetValue<bool>() == true);
            lock (_gate) _succeeded.Add(request);
        }
        await Write(context, answer);
    }

    private static Answer Success(string method, JsonArray rows, bool validateOnly)
    {
        // A validate-only call records nothing and returns no results.
        if (validateOnly) return new Answer(200, "{}");
        var results = new JsonArray(rows.Select(row => (JsonNode)Result(method, row!)).ToArray());
        return new Answer(200, new JsonObject { ["results"] = results }.ToJsonString());
    }

    private static JsonObject Result(string method, JsonNode row)
    {
        string[] fields = method == "uploadConversionAdjustments"
            ? ["orderId", "conversionAction", "adjustmentDateTime", "adjustmentType"]
            : ["gclid", "gbraid", "wbraid", "conversionAction", "conversionDateTime"];
        var result = new JsonObject();
        foreach (var field in fields)
        {
            if (row[field] is { } value) result[field] = value.DeepClone();
        }
        return result;
    }

    private static string RowsField(string method) =>
        method == "uploadConversionAdjustments" ? "conversionAdjustments" : "conversions";

    private static Answer Unauthenticated(string code) => new(401, $$$"""
        {"error":{"code":401,"message":"Request had invalid authentication credentials.","status":"UNAUTHENTICATED",
        "details":[{"@type":"type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
        "errors":[{"errorCode":{"authenticationError":"{{{code}}}"},"message":"Authentication failed: {{{code}}}."}],
        "requestId":"fake-request"}]}}
        """);

    private static async Task Write(HttpContext context, Answer answer)
    {
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
