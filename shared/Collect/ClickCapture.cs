namespace Pipeline.Collect;

/// <summary>One click id seen on a landing, with the time it was first captured.</summary>
public sealed record ClickCapture
{
    /// <summary>The URL parameter (<c>fbclid</c>, <c>gclid</c>, …), case as written.</summary>
    public required string Param { get; init; }

    /// <summary>Exactly as it was in the URL.</summary>
    public required string ClickId { get; init; }

    public required DateTimeOffset CapturedAt { get; init; }
    public string? LandingUrl { get; init; }

    /// <summary>For an fbclid: the <c>_fbc</c> built for it at landing.</summary>
    public string? Fbc { get; init; }
}
