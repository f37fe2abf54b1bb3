namespace Pipeline.Match.Graph;

/// <summary>An ad click a visitor landed with, as the collector recorded it on landing.</summary>
/// <param name="Param">The URL parameter (<c>fbclid</c>, <c>gclid</c>, …), case as the platform writes it.</param>
/// <param name="ClickId">The click id, exactly as received.</param>
/// <param name="CapturedAt">When the visitor landed with it: the click's own time, never refreshed.</param>
/// <param name="VisitorId">Who landed with it.</param>
/// <param name="Fbc">For an fbclid: the <c>fbc</c> built at landing, if any.</param>
public sealed record VisitorClick(string Param, string ClickId, DateTimeOffset CapturedAt, string VisitorId, string? Fbc = null)
{
    public string? LandingUrl { get; init; }
}
