namespace Pipeline.Match.Clicks;

/// <summary>Picks, for one click family, the click to attach to a conversion.</summary>
public static class ClickSelector
{
    /// <summary>
    /// The most recent click of <paramref name="family"/> captured at or before the conversion and within
    /// <paramref name="windowDays"/> of it; the others come back with the reason they were passed over.
    /// </summary>
    /// <param name="conversionTime">The event time, Unix seconds: a click captured within that second counts as before it.</param>
    public static ClickSelection Select(string family, IEnumerable<VisitorClickCandidate> clicks, long conversionTime, int windowDays)
    {
        var end = DateTimeOffset.FromUnixTimeSeconds(conversionTime).AddSeconds(1);
        var start = DateTimeOffset.FromUnixTimeSeconds(conversionTime).AddDays(-windowDays);
        VisitorClickCandidate? chosen = null;
        var rejected = new List<RejectedClick>();
        foreach (var click in clicks.Where(c => ClickFamilies.Of(c.Click.Param) == family).OrderByDescending(c => c.Click.CapturedAt))
        {
            if (click.Click.CapturedAt >= end) rejected.Add(new RejectedClick(click, "captured after the conversion"));
            else if (click.Click.CapturedAt < start) rejected.Add(new RejectedClick(click, $"older than the {windowDays}-day click window"));
            else if (chosen is null) chosen = click;
            else rejected.Add(new RejectedClick(click, "a later click of the same platform wins"));
        }
        return new ClickSelection(family, chosen, rejected);
    }
}

/// <summary>A click that may be attached, and how the matcher came to know it.</summary>
/// <param name="Carried">True when the event itself carried the click id (e.g. a Shopify order's landing URL).</param>
public sealed record VisitorClickCandidate(Graph.VisitorClick Click, bool Carried = false);

/// <summary>A click passed over, and why.</summary>
public sealed record RejectedClick(VisitorClickCandidate Candidate, string Reason);

/// <summary>The outcome for one family: the chosen click (if any) and every click passed over.</summary>
public sealed record ClickSelection(string Family, VisitorClickCandidate? Chosen, IReadOnlyList<RejectedClick> Rejected);
