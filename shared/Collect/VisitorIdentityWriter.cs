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

    // Built once: a TableClient is thread-safe, and building one per hit showed in the host's profile.
    private readonly TableClient Visitors = clients.Tables.GetTableClient(names.Visitors);
    private readonly TableClient Clicks = clients.Tables.GetTableClient(names.Clicks);
    private readonly TableClient Identities = clients.Tables.GetTableClient(names.Identities);

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

    /// <summary>
    /// Records a denial of ads consent for a visitor and withdraws what was captured for ad use before it: the profile
    /// is replaced by the consent itself (with the withdrawal time, the country for the region rule, and the GA client
    /// id only while analytics storage is not denied), and the visitor's click rows and their index rows are deleted.
    /// The one read the collector makes: the visitor's own partition, to find its clicks. Idempotent.
    /// </summary>
    /// <returns>The number of storage writes made.</returns>
    public async Task<int> WithdrawAdsAsync(string visitorId, VisitorObservation seen, HitContext context, CancellationToken ct)
    {
        var partition = VisitorKeys.Visitor(visitorId);
        var consentAt = seen.ConsentAt ?? context.Now;
        var profile = new TableEntity(partition, VisitorKeys.Profile)
        {
            ["Consent"] = Json.Serialize(seen.Consent),
            ["ConsentAt"] = consentAt,
            ["AdsWithdrawnAt"] = consentAt,
            ["IsBot"] = false,
        };
        if (context.Country is not null) profile["Country"] = context.Country;
        if (Events.ConsentSignals.Read(seen.Consent?.AnalyticsStorage) != false)
        {
            Set(profile, "GaClientId", seen.GaClientId);
            Set(profile, "GaSessionId", seen.GaSessionId);
        }
        // Recorded first: once the denial is stored the matcher honours it, even if the erasure below fails and the
        // snippet's retry has to finish it.
        await Visitors.UpsertEntityAsync(profile, TableUpdateMode.Replace, ct);
        var writes = 1;

        var clickRows = new List<TableEntity>();
        await foreach (var row in Visitors.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: ct))
            if (row.RowKey.StartsWith(VisitorKeys.ClickPrefix, StringComparison.Ordinal)) clickRows.Add(row);

        var rowKey = TableKeys.Encode(visitorId);
        foreach (var row in clickRows)
        {
            if (row.GetString("Param") is { } param && row.GetString("ClickId") is { Length: > 0 } clickId)
            {
                await DeleteAsync(Clicks, VisitorKeys.ClickIndex(param, clickId), rowKey, ct);
                writes++;
            }
            await DeleteAsync(Visitors, row.PartitionKey, row.RowKey, ct);
            writes++;
        }
        return writes;
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

    private static async Task DeleteAsync(TableClient table, string partition, string row, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: a retried withdrawal finishes what the first one started.
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
