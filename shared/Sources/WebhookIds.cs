using Pipeline.Events;

namespace Pipeline.Sources;

/// <summary>
/// The ids rule (<see cref="ForwardedIds"/>) for webhook sources: an accepted delivery whose conversions carry an id
/// that is not printable or too long is refused as a 400 naming the field, so nothing of it is enqueued or forwarded.
/// </summary>
public static class WebhookIds
{
    /// <summary>The verdict itself, or a 400 when one of its conversions carries a bad id.</summary>
    public static WebhookVerdict Check(WebhookVerdict verdict)
    {
        if (verdict is not WebhookAccepted accepted) return verdict;
        foreach (var conversion in accepted.Conversions)
            if (ForwardedIds.Problem(conversion.Event) is { } problem) return WebhookRejected.BadRequest($"the conversion's {problem}");
        return verdict;
    }

    /// <summary>A delivery id from a header or the envelope: null when absent or valid, else the 400.</summary>
    public static WebhookRejected? CheckDeliveryId(string field, string? value) =>
        ForwardedIds.Problem(field, value) is { } problem ? WebhookRejected.BadRequest(problem) : null;
}
