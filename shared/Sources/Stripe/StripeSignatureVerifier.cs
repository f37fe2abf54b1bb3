using System.Globalization;

namespace Pipeline.Sources.Stripe;

/// <summary>
/// Checks <c>Stripe-Signature</c> (<c>t=…,v1=…[,v1=…]</c>) with any of the secrets, then the timestamp, so that a
/// forged delivery gets 401 and an authentic but stale (replayed) one gets 400.
/// </summary>
public static class StripeSignatureVerifier
{
    /// <summary>Null when authentic and fresh, else the rejection.</summary>
    /// <param name="payload">The raw body as UTF-8 text.</param>
    public static WebhookRejected? Check(string payload, string? signatureHeader, IReadOnlyList<string> secrets,
        long toleranceSeconds, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader)) return WebhookRejected.Unauthorized("missing Stripe-Signature");
        if (Timestamp(signatureHeader) is not { } timestamp) return WebhookRejected.Unauthorized("Stripe-Signature has no timestamp");

        var valid = false;
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret)) continue;
            try
            {
                // Stripe.net checks the v1 values; judging it "now" at the signed instant leaves the freshness
                // verdict to us, so a stale timestamp is told apart from a bad signature.
                global::Stripe.EventUtility.ValidateSignature(payload, signatureHeader, secret, toleranceSeconds, timestamp);
                valid = true;
            }
            catch (global::Stripe.StripeException)
            {
            }
        }
        if (!valid) return WebhookRejected.Unauthorized("Stripe-Signature does not match the body");

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > toleranceSeconds)
            return WebhookRejected.BadRequest("Stripe-Signature timestamp is outside the tolerance");
        return null;
    }

    /// <summary>The <c>t=</c> value; null when absent, repeated or not a number.</summary>
    public static long? Timestamp(string signatureHeader)
    {
        long? found = null;
        foreach (var part in signatureHeader.Split(','))
        {
            var item = part.Trim();
            if (!item.StartsWith("t=", StringComparison.Ordinal)) continue;
            if (found is not null || !long.TryParse(item.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                return null;
            found = t;
        }
        return found;
    }
}
