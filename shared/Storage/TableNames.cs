using Pipeline.Configuration;

namespace Pipeline.Storage;

/// <summary>The pipeline's tables; each name carries <see cref="PipelineOptions.TablePrefix"/>.</summary>
public sealed class TableNames(PipelineOptions options)
{
    public string Ledger => options.TablePrefix + "ledger";
    public string Outbox => options.TablePrefix + "outbox";
    public string Visitors => options.TablePrefix + "visitors";
    public string Clicks => options.TablePrefix + "clicks";
    public string Identities => options.TablePrefix + "identities";
    public string Ingest => options.TablePrefix + "ingest";

    /// <summary>One row per destination whose circuit breaker has ever opened.</summary>
    public string Circuits => options.TablePrefix + "circuits";

    public IEnumerable<string> All => [Ledger, Outbox, Visitors, Clicks, Identities, Ingest, Circuits];
}
