using Azure;
using Azure.Data.Tables;
using Pipeline.Configuration;
using Pipeline.Storage;

namespace Pipeline.Collect;

/// <summary>
/// Writes the identity graph the matcher reads (docs/collector.md, "Storage"): the visitor's profile and click rows
/// in one entity-group transaction, the click index, hashed identities and linked visitor ids. Never reads.
/// </summary>
public sealed class VisitorIdentityWriter(StorageClients clients, TableNames names)
{
    /// <summary>Longest user agent kept; real ones are well under it.</summary>
    public const int MaxUserAgentLength = 512;

    private TableClient Visitors => clients.Tables.GetTableClient(names.Visitors);
    private TableClient Clicks => clients.Tables.GetTableClient(names.Clicks);
    private TableClient Identities => clients.Tables.GetTableClient(names.Identities);

    /// <returns>The number of storage writes made (a transaction counts once).</returns>
    public async Task<int> WriteAsync(VisitorWrite write, VisitorObservation seen, HitContext context, CancellationToken ct)
    {
        var partition = VisitorKeys.Visitor(write.VisitorId);
        var rowKey = TableKeys.Encode(write.VisitorId);
        var writes = new List<Task>();

        if (write.Profile || write.Clicks.Count > 0)
        {
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertMerge, Profile(partition, write, seen, context)) };
            // One row key per transaction: two ids of one parameter captured in the same millisecond keep the later.
            foreach (var row in write.Clicks.Select(c => ClickRow(partition, c)).GroupBy(r => r.RowKey).Select(g => g.Last()))
                actions.Add(new(TableTransactionActionType.UpsertMerge, row));
            writes.Add(Visitors.SubmitTransactionAsync(actions, ct));
        }
        foreach (var click in write.Clicks)
        {
            writes.Add(Clicks.UpsertEntityAsync(new TableEntity(VisitorKeys.ClickIndex(click.Param, click.ClickId), rowKey)
            {
                ["CapturedAt"] = click.CapturedAt,
                ["VisitorId"] = write.VisitorId,
            }, TableUpdateMode.Merge, ct));
        }
        foreach (var (kind, key) in write.Identities)
            writes.Add(Link(VisitorKeys.Identity(kind, key), rowKey, context.Now, ct));
        foreach (var link in write.Links)
            writes.Add(Link(VisitorKeys.LinkedVisitor(link), rowKey, context.Now, ct));

        await Task.WhenAll(writes);
        return writes.Count;
    }

    /// <summary>Claims a browser event id for the visitor: true the first time, false when it was already accepted.</summary>
    public async Task<bool> ClaimEventAsync(string visitorId, string eventId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await Visitors.AddEntityAsync(new TableEntity(VisitorKeys.Visitor(visitorId), VisitorKeys.EventClaim(eventId))
            {
                ["ClaimedAt"] = now,
            }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Gives a claim back when its event could not be queued, so the snippet's retry is not mistaken for a repeat.</summary>
    public async Task ReleaseEventAsync(string visitorId, string eventId, CancellationToken ct)
    {
        try
        {
            await Visitors.DeleteEntityAsync(VisitorKeys.Visitor(visitorId), VisitorKeys.EventClaim(eventId), ETag.All, ct);
        }
        catch (Exception e) when (StorageFailure.IsStorageOutage(e))
        {
            // Storage is failing already; the caller answers 503 either way.
        }
    }

    private Task Link(string partition, string visitorRowKey, DateTimeOffset now, CancellationToken ct) =>
        Identities.UpsertEntityAsync(new TableEntity(partition, visitorRowKey) { ["LinkedAt"] = now }, TableUpdateMode.Merge, ct);

    private static TableEntity Profile(string partition, VisitorWrite write, VisitorObservation seen, HitContext context)
    {
        var entity = new TableEntity(partition, VisitorKeys.Profile)
        {
            ["LastSeen"] = context.Now,
            ["IsBot"] = write.IsBot,
        };
        if (write.FirstSeen) entity["FirstSeen"] = context.Now;
        if (write.Ip is not null) entity["Ip"] = write.Ip;
        if (context.UserAgent is { } ua) entity["UserAgent"] = ua.Length > MaxUserAgentLength ? ua[..MaxUserAgentLength] : ua;
        if (context.Country is not null) entity["Country"] = context.Country;
        if (write.IsBot) return entity;

        Set(entity, "Fbp", seen.Fbp);
        Set(entity, "Fbc", seen.Fbc);
        Set(entity, "Ttp", seen.Ttp);
        Set(entity, "GaClientId", seen.GaClientId);
        Set(entity, "GaSessionId", seen.GaSessionId);
        if (seen.Consent is not null)
        {
            entity["Consent"] = Json.Serialize(seen.Consent);
            entity["ConsentAt"] = seen.ConsentAt;
        }
        return entity;
    }

    private static TableEntity ClickRow(string partition, ClickCapture click)
    {
        var entity = new TableEntity(partition, VisitorKeys.ClickRow(click.Param, click.CapturedAt.ToUnixTimeMilliseconds()))
        {
            ["Param"] = click.Param,
            ["ClickId"] = click.ClickId,
            ["CapturedAt"] = click.CapturedAt,
        };
        Set(entity, "LandingUrl", click.LandingUrl);
        Set(entity, "Fbc", click.Fbc);
        return entity;
    }

    private static void Set(TableEntity entity, string name, string? value)
    {
        if (value is not null) entity[name] = value;
    }
}
