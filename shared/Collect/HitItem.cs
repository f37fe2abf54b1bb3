namespace Pipeline.Collect;

/// <summary>One thing the snippet reports; the subtypes say what.</summary>
public abstract record HitItem
{
    /// <summary>The browser's clock when it happened, Unix milliseconds (not trusted for ordering across devices).</summary>
    public required long ClientTimeMs { get; init; }
}
