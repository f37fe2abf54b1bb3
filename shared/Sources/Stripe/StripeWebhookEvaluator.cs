using System.Text;
using System.Text.Json;
using Pipeline.Http;

namespace Pipeline.Sources.Stripe;

/// <summary>
/// The whole decision for one Stripe delivery: verify the signature and its freshness, then map the event. No I/O:
/// the caller checks idempotency keys, enqueues and answers with the verdict's status.
/// </summary>
public sealed class StripeWebhookEvaluator(StripeSettings settings, TimeProvider time)
{
    public const string SignatureHeader = "Stripe-Signature";

    /// <param name="body">The raw request body bytes.</param>
    public WebhookVerdict Evaluate(ReadOnlyMemory<byte> body, WebhookHeaders headers)
    {
        var now = time.GetUtcNow();
        var payload = Encoding.UTF8.GetString(body.Span);
        if (StripeSignatureVerifier.Check(payload, headers.Get(SignatureHeader), settings.Secrets, settings.ToleranceSeconds, now)
            is { } rejection)
            return rejection;

        try
        {
            using var document = RequestJson.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return WebhookRejected.BadRequest("body is not a JSON object");
            if (WebhookIds.CheckDeliveryId("id", document.RootElement.String("id")) is { } badId) return badId;
            return WebhookIds.Check(StripeEventMapper.Map(document.RootElement, settings, now.ToUnixTimeSeconds()));
        }
        catch (JsonException e) when (RequestJson.IsDuplicateKey(e))
        {
            return WebhookRejected.BadRequest(RequestJson.Describe(e));
        }
        catch (JsonException)
        {
            return WebhookRejected.BadRequest("body is not valid JSON");
        }
    }
}
