using Azure.Data.Tables;
using Pipeline.Configuration;
using Pipeline.Identity;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Match.Graph;
using Pipeline.Storage;

namespace Pipeline.IntegrationTests.Match;

/// <summary>
/// Seeds the visitor graph exactly as docs/identity-graph.md says the collector writes it, so the matcher is tested
/// against the contract rather than against its own reader.
/// </summary>
public sealed class VisitorGraphWriter(PipelineHost host)
{
    public Task ProfileAsync(string visitorId, VisitorProfile p)
    {
        var row = new TableEntity(TableKeys.Encode(visitorId), TableKeys.Encode("profile"))
        {
            ["FirstSeen"] = p.FirstSeen,
            ["LastSeen"] = p.LastSeen,
            ["Fbp"] = p.Fbp,
            ["Fbc"] = p.Fbc,
            ["Ttp"] = p.Ttp,
            ["GaClientId"] = p.GaClientId,
            ["GaSessionId"] = p.GaSessionId,
            ["Ip"] = p.Ip,
            ["UserAgent"] = p.UserAgent,
            ["Consent"] = p.Consent is null ? null : Json.Serialize(p.Consent),
            ["ConsentAt"] = p.ConsentAt,
            ["AdsWithdrawnAt"] = p.AdsWithdrawnAt,
            ["Country"] = p.Country,
            ["IsBot"] = p.IsBot,
        };
        return host.Table("visitors").UpsertEntityAsync(row, TableUpdateMode.Replace);
    }

    /// <summary>A landing with a click: the visitor's click row and the click index row.</summary>
    public async Task ClickAsync(string visitorId, string param, string clickId, DateTimeOffset capturedAt, string? fbc = null)
    {
        var rowKey = $"click~{param}~{capturedAt.ToUnixTimeMilliseconds():D13}";
        await host.Table("visitors").UpsertEntityAsync(new TableEntity(TableKeys.Encode(visitorId), TableKeys.Encode(rowKey))
        {
            ["Param"] = param,
            ["ClickId"] = clickId,
            ["CapturedAt"] = capturedAt,
            ["LandingUrl"] = $"https://shop.example/?{param}={clickId}",
            ["Fbc"] = fbc,
        }, TableUpdateMode.Replace);
        await host.Table("clicks").UpsertEntityAsync(new TableEntity(TableKeys.Encode($"{param}:{clickId}"), TableKeys.Encode(visitorId))
        {
            ["CapturedAt"] = capturedAt,
            ["VisitorId"] = visitorId,
        }, TableUpdateMode.Replace);
    }

    public Task LinkAsync(string kind, string key, string visitorId, DateTimeOffset linkedAt) =>
        host.Table("identities").UpsertEntityAsync(new TableEntity(TableKeys.Encode($"{kind}:{key}"), TableKeys.Encode(visitorId))
        {
            ["LinkedAt"] = linkedAt,
        }, TableUpdateMode.Replace);

    /// <summary>Links a visitor to an e-mail by its identity key, as the collector does on identify.</summary>
    public Task LinkEmailAsync(string email, string visitorId, DateTimeOffset linkedAt) =>
        LinkAsync(IdentityKinds.Email, EmailKey(email), visitorId, linkedAt);

    public static string EmailKey(string email) =>
        IdentityKeys.EmailKey(UserDataHasher.Hash(new RawUserData { Email = email }, "US"))!;
}
