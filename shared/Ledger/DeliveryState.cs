namespace Pipeline.Ledger;

/// <summary>States of one event × destination in the delivery ledger.</summary>
public static class DeliveryState
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Retrying = "retrying";
    /// <summary>The last attempt threw; the queue will try again until maxDequeueCount.</summary>
    public const string Failed = "failed";
    public const string Dead = "dead";
    public const string Skipped = "skipped";

    /// <summary>Nothing more will happen to a row in a final state (short of a replay).</summary>
    public static bool IsFinal(string? state) => state is Delivered or Dead or Skipped;
}
