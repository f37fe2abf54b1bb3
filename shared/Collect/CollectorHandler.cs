using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pipeline.Configuration;
using Pipeline.Http;
using Pipeline.Identity;
using Pipeline.Storage;

namespace Pipeline.Collect;

/// <summary>
/// <c>POST /api/{prefix}/h</c> (and its CORS preflight): the snippet's hits. Resolves the visitor, writes what is new
/// about it (nothing when nothing is), queues the browser events once per event id, and answers 204 — or 200
/// <c>{"vid"}</c> when the page should adopt another visitor id. Bad input is a 4xx, storage trouble a 503.
/// </summary>
public sealed class CollectorHandler(
    CollectorOptions options,
    PipelineOptions pipeline,
    ClientRateLimiter rateLimiter,
    VisitorIdentityWriter writer,
    PipelineQueues queues,
    IVisitorIdGenerator ids,
    TimeProvider time,
    ILogger<CollectorHandler> logger)
{
    private readonly IReadOnlyList<string> _origins = options.AllowedOriginList();
    private readonly ConsentRegions _regions = new(options.ConsentRequiredRegions);

    public async Task<ApiResult> HandleAsync(HttpRequest request, string prefix, CancellationToken ct)
    {
        if (!options.IsPrefix(prefix)) return ApiResult.Status(StatusCodes.Status404NotFound);

        string? origin = request.Headers.Origin;
        var cors = CollectorCors.Decide(origin, request.Host.HasValue ? request.Host.Value : null, _origins);
        if (cors == CollectorCors.Verdict.Denied)
        {
            logger.LogWarning("Collector: refused a request from an origin that is not allowed");
            return ApiResult.Error(StatusCodes.Status403Forbidden, "origin not allowed");
        }
        // Before the body is read or storage touched; after CORS, so the page can read the 429.
        var result = rateLimiter.Refusal(request, RateLimitedRoute.Collector)
            ?? (HttpMethods.IsOptions(request.Method) ? Preflight() : await CollectAsync(request, ct));
        result.Headers["Cache-Control"] = "no-store";
        if (cors == CollectorCors.Verdict.Allowed) CollectorCors.AddHeaders(result.Headers, origin!);
        return result;
    }

    private static ApiResult Preflight()
    {
        var result = ApiResult.Status(StatusCodes.Status204NoContent);
        result.Headers["Access-Control-Allow-Methods"] = "POST, OPTIONS";
        result.Headers["Access-Control-Allow-Headers"] = "Content-Type";
        result.Headers["Access-Control-Max-Age"] = "86400";
        return result;
    }

    private async Task<ApiResult> CollectAsync(HttpRequest request, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(request.Method)) return ApiResult.Status(StatusCodes.Status405MethodNotAllowed);
        var read = await RequestBody.ReadAsync(request, options.MaxBodyBytes, ct);
        if (read.Error is { } unreadable) return unreadable;
        var body = read.Bytes!;
        var parsed = HitParser.Parse(body, options.MaxItemsPerBody);
        if (!parsed.IsValid) return ApiResult.Error(StatusCodes.Status400BadRequest, parsed.Error);
        var batch = parsed.Batch;

        var cookies = RequestCookies.Read(request);
        var context = Context(request, cookies);
        var isBot = KnownBots.IsBot(context.UserAgent);
        var state = VisitorState.Parse(cookies.GetValueOrDefault(options.StateCookieName));
        if (AdsDenial(batch) is not null && !isBot) return await WithdrawAsync(batch, cookies, context, ct);
        if (IsAnonymous(batch, context, state))
        {
            logger.LogDebug("Collector: anonymous body with {Count} item(s); nothing stored", batch.Items.Count);
            return ApiResult.Status(StatusCodes.Status204NoContent);
        }

        var serverVid = Vid(cookies.GetValueOrDefault(options.CookieName));
        var vid = serverVid ?? batch.VisitorId ?? Vid(cookies.GetValueOrDefault(options.MirrorCookieName));
        var minted = false;
        if (vid is null)
        {
            // A crawler that keeps no cookie would mint a visitor per hit: it is not recorded at all.
            if (isBot) return ApiResult.Status(StatusCodes.Status204NoContent);
            vid = ids.NewId();
            minted = true;
        }

        var seen = VisitorObservation.From(batch, context, pipeline.DefaultRegion);
        var write = VisitorWrite.Plan(seen, context, vid, minted, serverVid == vid, isBot, state);
        int writes, queued = 0;
        try
        {
            writes = write.IsEmpty ? 0 : await writer.WriteAsync(write, seen, context, ct);
            if (!isBot) queued = await QueueEventsAsync(seen, context, vid, ct);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status400BadRequest)
        {
            // Every key and value is bounded before it is written; should one still be refused, it is the input's
            // doing and is answered as such rather than as an outage the snippet would retry.
            logger.LogError("Collector: storage refused a value ({Code}); answered 400", e.ErrorCode);
            return ApiResult.Error(StatusCodes.Status400BadRequest, "a value in the body could not be stored");
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // Nothing is acknowledged: the snippet keeps the items and sends them again.
            logger.LogError("Collector: storage unavailable ({Error}); answered 503", e.GetType().Name);
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, "storage is unavailable; retry later");
        }
        logger.LogDebug("Collector: {Items} item(s), {Writes} write(s), {Queued} event(s) queued, bot {Bot}",
            batch.Items.Count, writes, queued, isBot);

        if (isBot) return ApiResult.Status(StatusCodes.Status204NoContent);
        var result = vid == batch.VisitorId
            ? ApiResult.Status(StatusCodes.Status204NoContent)
            : ApiResult.JsonBody(StatusCodes.Status200OK, new { vid });
        result.SetCookies.Add(CollectorCookies.Build(options.CookieName, vid, options));
        result.SetCookies.Add(CollectorCookies.Build(options.StateCookieName, write.NewState.Format(), options));
        return result;
    }

    /// <summary>The body's last consent item when it denies ad storage or ad user data, else null.</summary>
    private static ConsentHit? AdsDenial(HitBatch batch) =>
        batch.Items.OfType<ConsentHit>().LastOrDefault() is { } last && Events.ConsentSignals.DeniesAds(last.Consent) ? last : null;

    /// <summary>
    /// A denial of ads consent, however anonymous the rest of the body: recorded for the visitor the collector's
    /// cookies name (the HttpOnly one, else the snippet's mirror, else the body's own id when it is not anonymous), and
    /// what was captured for ad use before it is withdrawn. Nothing else in the body is stored or queued. A browser
    /// the collector never identified has nothing to withdraw, and nothing is stored.
    /// </summary>
    private async Task<ApiResult> WithdrawAsync(HitBatch batch, IReadOnlyDictionary<string, string> cookies, HitContext context, CancellationToken ct)
    {
        var vid = Vid(cookies.GetValueOrDefault(options.CookieName))
            ?? Vid(cookies.GetValueOrDefault(options.MirrorCookieName))
            ?? (batch.Anonymous ? null : Vid(batch.VisitorId));
        if (vid is null)
        {
            logger.LogDebug("Collector: ads consent denied by a browser with no visitor id; nothing stored");
            return ApiResult.Status(StatusCodes.Status204NoContent);
        }

        var seen = VisitorObservation.From(batch, context, pipeline.DefaultRegion);
        int writes;
        try
        {
            writes = await writer.WithdrawAdsAsync(vid, seen, context, ct);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status400BadRequest)
        {
            logger.LogError("Collector: storage refused a value of a consent denial ({Code}); answered 400", e.ErrorCode);
            return ApiResult.Error(StatusCodes.Status400BadRequest, "a value in the body could not be stored");
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // The snippet keeps the consent item and sends it again.
            logger.LogError("Collector: storage unavailable while recording a consent denial ({Error}); answered 503", e.GetType().Name);
            return ApiResult.Error(StatusCodes.Status503ServiceUnavailable, "storage is unavailable; retry later");
        }
        logger.LogInformation("Collector: ads consent denied; recorded for the visitor and {Writes} write(s) made to withdraw its ad data", writes);

        // The digests of what was written before are void: a later grant writes the visitor's data afresh.
        var result = ApiResult.Status(StatusCodes.Status204NoContent);
        result.SetCookies.Add(CollectorCookies.Build(options.StateCookieName, new VisitorState { VisitorTag = VisitorState.VisitorTagOf(vid) }.Format(), options));
        return result;
    }

    /// <summary>
    /// Anonymous: the snippet said so, or this body itself denies ads storage, or the visitor is in a region that
    /// needs consent and neither this body nor an earlier one of this browser granted it.
    /// </summary>
    private bool IsAnonymous(HitBatch batch, HitContext context, VisitorState? state)
    {
        if (batch.Anonymous) return true;
        var adStorage = batch.Items.OfType<ConsentHit>().LastOrDefault()?.Consent.AdStorage;
        if (adStorage == "denied") return true;
        return _regions.RequiresConsent(context.Country) && adStorage != "granted" && state?.ConsentGranted != true;
    }

    private async Task<int> QueueEventsAsync(VisitorObservation seen, HitContext context, string vid, CancellationToken ct)
    {
        var queued = 0;
        foreach (var hit in seen.Events)
        {
            if (!await writer.ClaimEventAsync(vid, hit.EventId, context.Now, ct)) continue;
            try
            {
                await queues.SendEventAsync(BrowserEventMapper.Message(BrowserEventMapper.Map(hit, seen, context, vid)), ct);
                queued++;
            }
            catch (Exception e) when (StorageFailure.IsStorageOutage(e))
            {
                await writer.ReleaseEventAsync(vid, hit.EventId, CancellationToken.None);
                throw;
            }
        }
        return queued;
    }

    private HitContext Context(HttpRequest request, IReadOnlyDictionary<string, string> cookies)
    {
        string? userAgent = request.Headers.UserAgent.ToString();
        string? country = string.IsNullOrWhiteSpace(options.CountryHeader) ? null : request.Headers[options.CountryHeader].ToString();
        return new HitContext
        {
            Now = time.GetUtcNow(),
            Ip = ClientAddress.Of(request, options),
            UserAgent = string.IsNullOrWhiteSpace(userAgent) || userAgent.Any(char.IsControl) ? null : userAgent,
            Country = CountryCodes.Normalize(country)?.ToUpperInvariant(),
            RequestCookies = BrowserIdentifiers.Cookies
                .Where(name => cookies.TryGetValue(name, out var v) && BrowserIdentifiers.IsValidCookie(name, v))
                .ToDictionary(name => name, name => cookies[name], StringComparer.Ordinal),
            GaSessionId = cookies.Where(c => c.Key.StartsWith("_ga_", StringComparison.Ordinal))
                .Select(c => PlatformCookies.GaSessionId(c.Value)).FirstOrDefault(s => s is not null),
        };
    }

    private static string? Vid(string? value) => CollectorCookies.IsVisitorId(value) ? value : null;
}
