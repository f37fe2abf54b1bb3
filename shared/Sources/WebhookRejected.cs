namespace Pipeline.Sources;

/// <summary>A delivery that is refused: 401 when it cannot be authenticated, 400 when it is authentic but unusable.</summary>
public sealed record WebhookRejected : WebhookVerdict
{
    private WebhookRejected(int statusCode, string reason)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    public override int StatusCode { get; }

    /// <summary>Why, safe to return to the sender and to log: never contains payload values.</summary>
    public string Reason { get; }

    public static WebhookRejected Unauthorized(string reason) => new(401, reason);

    public static WebhookRejected BadRequest(string reason) => new(400, reason);
}
