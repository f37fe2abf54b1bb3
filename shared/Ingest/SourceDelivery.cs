namespace Pipeline.Ingest;

/// <summary>The ids a source gave one delivery of a payload (webhook id, event id), recorded with each key it carried.</summary>
public sealed record SourceDelivery(string Source, IReadOnlyList<string> Ids);
