using System.Text.Json;
using Pipeline.Events;
using Pipeline.Identity;

namespace Pipeline.Sources.Stripe;

/// <summary>
/// Turns a Stripe event into conversions. It reads the JSON itself rather than Stripe.net's typed objects, which
/// follow the SDK's pinned API version: an endpoint on another version (invoice.subscription before 2025,
/// invoice.parent.subscription_details.subscription after) must still map.
/// </summary>
public static class StripeEventMapper
{
    /// <param name="envelope">The event JSON's root.</param>
    /// <param name="receivedAt">Unix seconds of receipt, used only when the event has no <c>created</c>.</param>
    public static WebhookVerdict Map(JsonElement envelope, StripeSettings settings, long receivedAt)
    {
        if (envelope.String("id") is not { } eventId || envelope.String("type") is not { } type
            || envelope.At("data", "object") is not { ValueKind: JsonValueKind.Object } stripeObject)
            return WebhookRejected.BadRequest("not a Stripe event: id, type or data.object is missing");

        var delivery = new StripeDelivery(eventId, type, envelope.Long("created") ?? receivedAt,
            Test: !envelope.Bool("livemode"), [StripeKeys.EventDelivery(eventId)]);
        return type switch
        {
            StripeEventTypes.CheckoutSessionCompleted or StripeEventTypes.CheckoutSessionAsyncPaymentSucceeded =>
                MapCheckoutSession(stripeObject, delivery, settings),
            StripeEventTypes.PaymentIntentSucceeded => MapPaymentIntent(stripeObject, delivery, settings),
            StripeEventTypes.InvoicePaid => MapInvoice(stripeObject, delivery, settings),
            StripeEventTypes.ChargeRefunded => MapChargeRefund(stripeObject, envelope, delivery, settings),
            _ => new WebhookIgnored($"event type {KeySafe.Escape(type)} is not a conversion"),
        };
    }

    private static WebhookVerdict MapCheckoutSession(JsonElement session, StripeDelivery delivery, StripeSettings settings)
    {
        if (session.String("id") is not { } sessionId) return WebhookRejected.BadRequest("checkout session has no id");
        var mode = session.String("mode");
        if (delivery.Type == StripeEventTypes.CheckoutSessionCompleted && session.String("payment_status") == "unpaid")
            return new WebhookIgnored("checkout session is unpaid: counted on checkout.session.async_payment_succeeded");

        var metadata = Metadata(settings, session.At("metadata"));
        var customer = session.At("customer_details");
        var common = Common(session, delivery, settings, metadata, customer?.String("email"), customer?.String("phone"),
            customer?.String("name"), customer?.At("address"), session.String("client_reference_id"), session.Reference("customer"));

        if (mode == "subscription")
        {
            if (settings.SubscriptionStartEventName is not { } startName)
                return new WebhookIgnored("subscription starts are not reported (SubscriptionStartEventName unset)");
            var subscriptionId = session.Reference("subscription");
            var key = subscriptionId is not null ? StripeKeys.SubscriptionStart(subscriptionId) : StripeKeys.Payment(sessionId);
            return Accept(common with
            {
                EventName = startName,
                EventId = $"subscribe_{subscriptionId ?? sessionId}",
                SourceId = sessionId,
                Value = Amount(session, "amount_total"),
            }, key, null, delivery);
        }
        if (mode != "payment") return new WebhookIgnored($"checkout session in {KeySafe.Escape(mode ?? "no")} mode takes no payment");
        if (settings.PurchaseEvent != StripeEventTypes.CheckoutSessionCompleted)
            return new WebhookIgnored($"checkout sessions are not the purchase event ({settings.PurchaseEvent})");

        var orderId = metadata.OrderId ?? sessionId;
        return Accept(common with
        {
            EventName = "Purchase",
            EventId = EventIdRule.ForOrder(settings.EventIdTemplate, orderId),
            SourceId = sessionId,
            OrderId = orderId,
            Value = Amount(session, "amount_total"),
        }, StripeKeys.Payment(session.Reference("payment_intent") ?? sessionId), null, delivery);
    }

    private static WebhookVerdict MapPaymentIntent(JsonElement intent, StripeDelivery delivery, StripeSettings settings)
    {
        if (settings.PurchaseEvent != StripeEventTypes.PaymentIntentSucceeded)
            return new WebhookIgnored($"payment_intent.succeeded is not the purchase event ({settings.PurchaseEvent})");
        if (intent.String("id") is not { } intentId) return WebhookRejected.BadRequest("payment intent has no id");
        if (intent.Reference("invoice") is not null) return new WebhookIgnored("payment of an invoice: invoice.paid reports it");

        var metadata = Metadata(settings, intent.At("metadata"));
        var shipping = intent.At("shipping");
        var common = Common(intent, delivery, settings, metadata, intent.String("receipt_email"), shipping?.String("phone"),
            shipping?.String("name"), shipping?.At("address"), null, intent.Reference("customer"));
        var orderId = metadata.OrderId ?? intentId;
        return Accept(common with
        {
            EventName = "Purchase",
            EventId = EventIdRule.ForOrder(settings.EventIdTemplate, orderId),
            SourceId = intentId,
            OrderId = orderId,
            Value = Amount(intent, "amount_received") ?? Amount(intent, "amount"),
        }, StripeKeys.Payment(intentId), null, delivery);
    }

    private static WebhookVerdict MapInvoice(JsonElement invoice, StripeDelivery delivery, StripeSettings settings)
    {
        if (invoice.String("id") is not { } invoiceId) return WebhookRejected.BadRequest("invoice has no id");
        var reason = invoice.String("billing_reason");
        var subscriptionId = invoice.Reference("subscription") ?? invoice.Reference("parent", "subscription_details", "subscription");
        var metadata = Metadata(settings, invoice.At("metadata"), invoice.At("subscription_details", "metadata"),
            invoice.At("parent", "subscription_details", "metadata"));
        var common = Common(invoice, delivery, settings, metadata, invoice.String("customer_email"), invoice.String("customer_phone"),
            invoice.String("customer_name"), invoice.At("customer_address"), null, invoice.Reference("customer")) with
        {
            SourceId = invoiceId,
            Value = Amount(invoice, "amount_paid"),
        };

        switch (reason)
        {
            case "subscription_create":
                if (settings.SubscriptionStartEventName is not { } startName)
                    return new WebhookIgnored("subscription starts are not reported (SubscriptionStartEventName unset)");
                return Accept(common with { EventName = startName, EventId = $"subscribe_{subscriptionId ?? invoiceId}" },
                    subscriptionId is not null ? StripeKeys.SubscriptionStart(subscriptionId) : StripeKeys.Invoice(invoiceId), null, delivery);
            case "subscription_cycle":
                if (settings.SubscriptionRenewalEventName is not { } renewalName)
                    return new WebhookIgnored("renewals are not reported (SubscriptionRenewalEventName unset)");
                return Accept(common with { EventName = renewalName, EventId = $"renewal_{invoiceId}", ActionSource = "system_generated" },
                    StripeKeys.Invoice(invoiceId), null, delivery);
            default:
                return new WebhookIgnored($"invoice billing_reason {KeySafe.Escape(reason ?? "none")} is not a conversion");
        }
    }

    /// <summary>
    /// charge.refunded carries the cumulative <c>amount_refunded</c>: the value is this refund alone, read from the
    /// newest entry of <c>refunds.data</c> when the list is included, else the difference from
    /// <c>previous_attributes.amount_refunded</c>, else the cumulative amount (first refund).
    /// </summary>
    private static WebhookVerdict MapChargeRefund(JsonElement charge, JsonElement envelope, StripeDelivery delivery, StripeSettings settings)
    {
        if (charge.String("id") is not { } chargeId) return WebhookRejected.BadRequest("charge has no id");
        if (charge.String("currency") is not { } currency) return WebhookRejected.BadRequest("charge has no currency");
        var cumulative = charge.Long("amount_refunded") ?? 0;

        var latest = charge.Items("refunds", "data")
            .Select((refund, index) => (Refund: refund, Index: index))
            .OrderByDescending(x => x.Refund.Long("created") ?? 0).ThenBy(x => x.Index)
            .Select(x => x.Refund)
            .FirstOrDefault(r => r.String("id") is not null && r.Long("amount") is not null);

        string key, eventId, sourceId;
        long amount;
        if (latest.ValueKind == JsonValueKind.Object)
        {
            var refundId = latest.String("id")!;
            (key, eventId, sourceId, amount) = (StripeKeys.Refund(refundId), $"refund_{refundId}", refundId, latest.Long("amount")!.Value);
        }
        else
        {
            var previous = envelope.Long("data", "previous_attributes", "amount_refunded") ?? 0;
            (key, eventId, sourceId, amount) = (StripeKeys.ChargeRefund(chargeId, cumulative), $"refund_{chargeId}_{cumulative}", chargeId, cumulative - previous);
        }
        if (amount <= 0) return new WebhookIgnored("refund returns no money");

        var paymentIntent = charge.Reference("payment_intent");
        var metadata = Metadata(settings, charge.At("metadata"));
        var orderId = metadata.OrderId ?? (settings.PurchaseEvent == StripeEventTypes.PaymentIntentSucceeded ? paymentIntent : null);
        var refund = new CanonicalEvent
        {
            EventName = "Refund",
            EventTime = delivery.EventTime,
            EventId = eventId,
            ActionSource = settings.DefaultActionSource,
            Source = StripeKeys.SourceName,
            SourceId = sourceId,
            Value = MinorUnits.ToDecimal(amount, currency),
            Currency = currency.ToUpperInvariant(),
            OrderId = orderId,
            OriginalEventId = orderId is not null ? EventIdRule.ForOrder(settings.EventIdTemplate, orderId) : null,
            Test = delivery.Test,
        };
        return Accept(refund, key, paymentIntent is not null ? StripeKeys.Payment(paymentIntent) : null, delivery);
    }

    /// <summary>The fields every conversion shares; callers set name, id, value and keys.</summary>
    private static CanonicalEvent Common(JsonElement stripeObject, StripeDelivery delivery, StripeSettings settings,
        StripeMetadata metadata, string? email, string? phone, string? name, JsonElement? address,
        string? clientReferenceId, string? customerId)
    {
        var visitorIds = new List<string>();
        if (metadata.VisitorId is { } vid) visitorIds.Add(vid);
        if (VisitorIdKey.IsPlausible(clientReferenceId) && !visitorIds.Contains(clientReferenceId!)) visitorIds.Add(clientReferenceId!);
        if (customerId is not null) visitorIds.Add(StripeKeys.CustomerVisitor(customerId));

        var country = address?.String("country")?.ToUpperInvariant();
        var (firstName, lastName) = SplitName(name);
        var hashed = UserDataHasher.Hash(new RawUserData
        {
            Email = email,
            Phone = phone,
            FirstName = firstName,
            LastName = lastName,
            Street = address?.String("line1"),
            City = address?.String("city"),
            State = address?.String("state"),
            Zip = address?.String("postal_code"),
            Country = country,
        }, country);

        return new CanonicalEvent
        {
            EventTime = delivery.EventTime,
            ActionSource = settings.DefaultActionSource,
            Source = StripeKeys.SourceName,
            Currency = stripeObject.String("currency")?.ToUpperInvariant(),
            VisitorIds = visitorIds.Count > 0 ? visitorIds : null,
            UserData = hashed.IsEmpty ? null : hashed,
            Test = delivery.Test,
            Country = country,
        };
    }

    private static WebhookAccepted Accept(CanonicalEvent @event, string key, string? originalKey, StripeDelivery delivery) =>
        new([new AcceptedConversion(@event, key, originalKey)], delivery.DeliveryIds);

    private static decimal? Amount(JsonElement stripeObject, string member) =>
        stripeObject.Long(member) is { } minor && stripeObject.String("currency") is { } currency
            ? MinorUnits.ToDecimal(minor, currency)
            : null;

    /// <summary>Stripe has one name field: the first word is the first name, the rest the last name.</summary>
    private static (string? First, string? Last) SplitName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return (null, null);
        var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (parts[0], parts.Length > 1 ? parts[1] : null);
    }

    private static StripeMetadata Metadata(StripeSettings settings, params JsonElement?[] sources)
    {
        string? visitorId = null, orderId = null;
        foreach (var source in sources)
        {
            if (source is not { ValueKind: JsonValueKind.Object } metadata) continue;
            if (visitorId is null && metadata.String(settings.VisitorIdMetadataKey) is { } v && VisitorIdKey.IsPlausible(v)) visitorId = v;
            orderId ??= metadata.String(settings.OrderIdMetadataKey);
        }
        return new StripeMetadata(visitorId, orderId);
    }

    private sealed record StripeMetadata(string? VisitorId, string? OrderId);
}
