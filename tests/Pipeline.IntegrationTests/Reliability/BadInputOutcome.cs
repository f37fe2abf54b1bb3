namespace Pipeline.IntegrationTests.Reliability;

/// <summary>What the bad-input corpus did: answers by status, 5xx, and anything it left in storage.</summary>
public sealed record BadInputOutcome(ScenarioResult Summary, IReadOnlyDictionary<int, int> Statuses, int ServerErrors,
    int Queued, int LedgerRows, int OutboxRows, int IngestRows, int CollectRows, bool HostHealthy);
