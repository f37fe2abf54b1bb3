using Pipeline.Ledger;

namespace Pipeline.Send;

/// <summary>
/// What a send under a lease ended in, before it is written: the row's next state, what to count once it is recorded,
/// and, when the platform call or storage failed, the error and the one-destination delivery that retries it.
/// </summary>
/// <param name="Resend">For a caller with no queue message of its own to hand back (the matcher's hand-off): the
/// delivery to put on the deliveries queue so the failure is retried there.</param>
public sealed record Completion(LedgerLease Lease, LedgerEntry Row, Action? Recorded = null, Exception? Error = null, DeliveryMessage? Resend = null);
