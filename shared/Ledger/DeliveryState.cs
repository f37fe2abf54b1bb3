namespace Pipeline.Ledger;

/// <summary>States of one event × destination in the delivery ledger.</summary>
public static class DeliveryState
{
    public const string Pending = "pending";

    /// <summary>One worker is sending it, until <see cref="LedgerEntry.LeaseUntil"/>; after that another may take it over.</summary>
    public const string Sending = "sending";

    /// <summary>The <c>~match</c> row: one worker is matching the event and handing it off, until its lease ends.</summary>
    public const string Matching = "matching";

    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    /// <summary>The last attempt threw; the queue will try again until maxDequeueCount.</summary>
    public const string Failed = "failed";
    public const string Dead = "dead";
    public const string Skipped = "skipped";

    /// <summary>Nothing more will happen to a row in a final state (short of a replay).</summary>
    public static bool IsFinal(string? state) => state is Delivered or Dead or Skipped;

    /// <summary>True for the states a worker holds under a lease.</summary>
    public static bool IsLeased(string? state) => state is Sending or Matching;
}
