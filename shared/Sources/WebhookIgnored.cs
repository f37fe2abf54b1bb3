namespace Pipeline.Sources;

/// <summary>An authentic delivery that is not a conversion (another topic, the non-purchase twin, no money moved). Answer 200.</summary>
public sealed record WebhookIgnored(string Reason) : WebhookVerdict
{
    public override int StatusCode => 200;
}
