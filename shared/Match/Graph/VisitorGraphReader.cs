using Azure.Data.Tables;
using Pipeline.Configuration;
using Pipeline.Events;
using Pipeline.Storage;

namespace Pipeline.Match.Graph;

/// <summary>
/// Reads the visitor graph the collector writes (the contract is in <c>docs/identity-graph.md</c>): visitors with
/// their clicks, the click index and the identity links. Every key goes through <see cref="TableKeys.Encode"/>.
/// </summary>
public sealed class VisitorGraphReader(StorageClients clients, TableNames names)
{
    /// <summary>Row key of a visitor's profile row.</summary>
    public const string ProfileRow = "profile";

    /// <summary>Most rows read from one partition: a runaway partition must not stall matching.</summary>
    public const int MaxRowsPerPartition = 500;

    /// <summary>The visitor's profile and clicks; an unknown visitor comes back with neither.</summary>
    public async Task<VisitorRecord> GetVisitorAsync(string visitorId, CancellationToken ct)
    {
        var table = clients.Tables.GetTableClient(names.Visitors);
        var pk = TableKeys.Encode(visitorId);
        VisitorProfile? profile = null;
        var clicks = new List<VisitorClick>();
        var read = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: ct))
        {
            if (++read > MaxRowsPerPartition) break;
            if (row.RowKey == ProfileRow) profile = ReadProfile(row);
            else if (ReadClick(row, visitorId) is { } click) clicks.Add(click);
        }
        return new VisitorRecord(visitorId, profile, clicks);
    }

    /// <summary>Visitors who landed with this click id (usually one; a shared link gives several).</summary>
    public async Task<IReadOnlyList<VisitorClick>> FindClickAsync(string param, string clickId, CancellationToken ct)
    {
        var table = clients.Tables.GetTableClient(names.Clicks);
        var pk = TableKeys.Encode($"{param}:{clickId}");
        var found = new List<VisitorClick>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: ct))
        {
            if (found.Count >= MaxRowsPerPartition) break;
            var visitor = row.GetString("VisitorId") ?? row.RowKey;
            if (row.GetDateTimeOffset("CapturedAt") is { } at) found.Add(new VisitorClick(param, clickId, at, visitor));
        }
        return found;
    }

    /// <summary>Visitors linked to an identity key (<see cref="IdentityKinds"/>), most recently linked first.</summary>
    public async Task<IReadOnlyList<IdentityLink>> FindLinkedAsync(string kind, string key, CancellationToken ct)
    {
        var table = clients.Tables.GetTableClient(names.Identities);
        var partition = IdentityKinds.PartitionOf(kind, key);
        var pk = TableKeys.Encode(partition);
        var found = new List<IdentityLink>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: ct))
        {
            if (found.Count >= MaxRowsPerPartition) break;
            found.Add(new IdentityLink(partition, row.GetString("VisitorId") ?? Decode(row.RowKey), row.GetDateTimeOffset("LinkedAt")));
        }
        return found.OrderByDescending(l => l.LinkedAt ?? DateTimeOffset.MinValue).ToList();
    }

    private static VisitorProfile ReadProfile(TableEntity row) => new()
    {
        FirstSeen = row.GetDateTimeOffset("FirstSeen"),
        LastSeen = row.GetDateTimeOffset("LastSeen"),
        Fbp = Text(row, "Fbp"),
        Fbc = Text(row, "Fbc"),
        Ttp = Text(row, "Ttp"),
        GaClientId = Text(row, "GaClientId"),
        GaSessionId = Text(row, "GaSessionId"),
        Ip = Text(row, "Ip"),
        UserAgent = Text(row, "UserAgent"),
        Consent = ReadConsent(Text(row, "Consent")),
        ConsentAt = row.GetDateTimeOffset("ConsentAt"),
        AdsWithdrawnAt = row.GetDateTimeOffset("AdsWithdrawnAt"),
        Country = Text(row, "Country")?.ToUpperInvariant(),
        IsBot = row.GetBoolean("IsBot") ?? false,
    };

    private static VisitorClick? ReadClick(TableEntity row, string visitorId)
    {
        var param = Text(row, "Param");
        var clickId = row.GetString("ClickId");
        if (param is null || string.IsNullOrEmpty(clickId) || row.GetDateTimeOffset("CapturedAt") is not { } at) return null;
        return new VisitorClick(param, clickId, at, visitorId, Text(row, "Fbc")) { LandingUrl = Text(row, "LandingUrl") };
    }

    // A malformed consent value is no consent signal at all: the region's default for unknown consent applies.
    private static ConsentState? ReadConsent(string? json)
    {
        if (json is null) return null;
        try
        {
            return Json.Deserialize<ConsentState>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string? Text(TableEntity row, string name) =>
        row.TryGetValue(name, out var value) && value is string s && !string.IsNullOrWhiteSpace(s) ? s : null;

    // Row keys are encoded visitor ids; the VisitorId property is the plain one when the writer stored it.
    private static string Decode(string key)
    {
        if (!key.Contains('~')) return key;
        var bytes = new List<byte>(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~' && i + 2 < key.Length && byte.TryParse(key.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(key[i].ToString()));
            }
        }
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }
}
