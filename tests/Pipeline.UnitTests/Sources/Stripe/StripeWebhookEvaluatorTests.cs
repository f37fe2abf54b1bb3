using System.Text.Json.Nodes;
using Pipeline.Identity;
using Pipeline.Sources;
using Pipeline.Sources.Stripe;
using static Pipeline.UnitTests.Sources.Stripe.StripePayloads;

namespace Pipeline.UnitTests.Sources.Stripe;

public class StripeWebhookEvaluatorTests
{
    private static AcceptedConversion Single(WebhookVerdict verdict) =>
        Assert.Single(Assert.IsType<WebhookAccepted>(verdict).Conversions);

    [Fact]
    public void Completed_checkout_session_becomes_a_purchase_keyed_on_its_payment()
    {
        var verdict = Deliver(CheckoutSessionCompleted());

        var conversion = Single(verdict);
        var purchase = conversion.Event;
        Assert.Equal("Purchase", purchase.EventName);
        Assert.Equal("purchase_cs_live_a1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvWxYz", purchase.EventId);
        Assert.Equal("cs_live_a1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvWxYz", purchase.SourceId);
        Assert.Equal("cs_live_a1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvWxYz", purchase.OrderId);
        Assert.Equal("500.00", purchase.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("USD", purchase.Currency);
        Assert.Equal(Created, purchase.EventTime);
        Assert.Equal("stripe", purchase.Source);
        Assert.Equal("website", purchase.ActionSource);
        Assert.Equal("US", purchase.Country);
        Assert.False(purchase.Test);
        Assert.Equal(["v1.StRiPeViSiToR", "stripe-customer:cus_QxYzAbCdEfGh12"], purchase.VisitorIds);
        Assert.Null(purchase.ClientIpAddress);
        Assert.NotNull(purchase.UserData?.Email);
        Assert.Equal("stripe:payment:pi_3QxYzALkdIwHu7ix1a2b3c4d", conversion.IdempotencyKey);
        Assert.Equal(["stripe-event:evt_1QxYz2LkdIwHu7ix0aBcDeFg"], ((WebhookAccepted)verdict).DeliveryIds);
    }

    [Fact]
    public void No_plaintext_identifier_leaves_the_mapper()
    {
        foreach (var payload in new[] { CheckoutSessionCompleted(), InvoicePaid() })
        {
            var @event = Single(Deliver(payload)).Event;
            PlaintextAssert.Absent(@event, Email, Phone, Phone.TrimStart('+'), FirstName, LastName, Street);
            PlaintextAssert.AbsentOutsideGoogleAddress(@event, City, Zip);
        }
        var intent = Single(Deliver(PaymentIntentSucceeded(), Settings with { PurchaseEvent = StripeEventTypes.PaymentIntentSucceeded })).Event;
        PlaintextAssert.Absent(intent, Email, Phone, Phone.TrimStart('+'), FirstName, LastName, Street);
        PlaintextAssert.AbsentOutsideGoogleAddress(intent, City, Zip);
    }

    [Fact]
    public void Customer_street_is_hashed_for_google()
    {
        var user = Single(Deliver(CheckoutSessionCompleted())).Event.UserData!;

        Assert.Equal(UserDataHasher.Sha256Hex(GoogleNormalizer.Street(Street)!), user.Street![HashRules.Google]);
        Assert.Equal(GoogleNormalizer.City(City), user.GoogleAddress!.City);
    }

    [Fact]
    public void Test_mode_event_is_marked_test()
    {
        Assert.True(Single(Deliver(CheckoutSessionCompleted(livemode: false))).Event.Test);
    }

    [Fact]
    public void Unpaid_checkout_session_waits_for_the_async_payment()
    {
        var payload = CheckoutSessionCompleted();
        payload["data"]!["object"]!["payment_status"] = "unpaid";

        Assert.IsType<WebhookIgnored>(Deliver(payload));

        payload["type"] = StripeEventTypes.CheckoutSessionAsyncPaymentSucceeded;
        payload["data"]!["object"]!["payment_status"] = "paid";
        Assert.Equal("stripe:payment:pi_3QxYzALkdIwHu7ix1a2b3c4d", Single(Deliver(payload)).IdempotencyKey);
    }

    [Fact]
    public void Payment_intent_succeeded_is_ignored_while_checkout_sessions_are_the_purchase()
    {
        Assert.IsType<WebhookIgnored>(Deliver(PaymentIntentSucceeded()));
    }

    [Fact]
    public void Payment_intent_purchase_uses_the_shop_order_id_and_shares_the_checkout_sessions_key()
    {
        var settings = Settings with { PurchaseEvent = StripeEventTypes.PaymentIntentSucceeded };

        var conversion = Single(Deliver(PaymentIntentSucceeded(), settings));

        Assert.Equal("purchase_A-1001", conversion.Event.EventId);
        Assert.Equal("A-1001", conversion.Event.OrderId);
        Assert.Equal(800m, conversion.Event.Value);
        Assert.Equal("800", conversion.Event.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("JPY", conversion.Event.Currency);
        Assert.Equal(["v1.PiViSiToR"], conversion.Event.VisitorIds);
        Assert.Equal(Single(Deliver(CheckoutSessionCompleted())).IdempotencyKey, conversion.IdempotencyKey);
        Assert.IsType<WebhookIgnored>(Deliver(CheckoutSessionCompleted(), settings));
    }

    [Fact]
    public void Payment_intent_of_an_invoice_is_left_to_invoice_paid()
    {
        var payload = PaymentIntentSucceeded();
        payload["data"]!["object"]!["invoice"] = "in_1QxYzCLkdIwHu7ixQwErTy";

        Assert.IsType<WebhookIgnored>(Deliver(payload, Settings with { PurchaseEvent = StripeEventTypes.PaymentIntentSucceeded }));
    }

    [Fact]
    public void First_invoice_of_a_subscription_is_a_subscribe_in_three_decimal_currency()
    {
        var conversion = Single(Deliver(InvoicePaid()));
        var subscribe = conversion.Event;

        Assert.Equal("Subscribe", subscribe.EventName);
        Assert.Equal("subscribe_sub_1QxYzBLkdIwHu7ixAbCdEf", subscribe.EventId);
        Assert.Equal("12.340", subscribe.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("KWD", subscribe.Currency);
        Assert.Equal("in_1QxYzCLkdIwHu7ixQwErTy", subscribe.SourceId);
        Assert.Equal(["v1.SuBsCrIbEr", "stripe-customer:cus_QxYzAbCdEfGh12"], subscribe.VisitorIds);
        Assert.Equal("stripe:subscription:sub_1QxYzBLkdIwHu7ixAbCdEf:start", conversion.IdempotencyKey);
    }

    [Fact]
    public void Subscription_checkout_and_its_first_invoice_count_once()
    {
        var fromSession = Single(Deliver(CheckoutSessionCompleted(mode: "subscription"))).Event;
        var fromInvoice = Single(Deliver(InvoicePaid()));

        Assert.Equal("Subscribe", fromSession.EventName);
        Assert.Equal(fromInvoice.Event.EventId, fromSession.EventId);
        Assert.Equal(fromInvoice.IdempotencyKey, Single(Deliver(CheckoutSessionCompleted(mode: "subscription"))).IdempotencyKey);
    }

    [Fact]
    public void Invoice_from_an_older_api_version_is_accepted_and_mapped()
    {
        var conversion = Single(Deliver(InvoicePaidOldApi()));

        Assert.Equal("stripe:subscription:sub_1OldSubscriptionLkdIw:start", conversion.IdempotencyKey);
        Assert.Equal(19.99m, conversion.Event.Value);
        Assert.Equal("v1.OlDsUb", conversion.Event.VisitorIds![0]);
    }

    [Fact]
    public void Checkout_session_from_an_older_api_version_is_accepted()
    {
        Assert.IsType<WebhookAccepted>(Deliver(CheckoutSessionCompleted(apiVersion: "2020-08-27")));
    }

    [Fact]
    public void Renewals_are_ignored_unless_a_renewal_event_name_is_configured()
    {
        Assert.IsType<WebhookIgnored>(Deliver(InvoicePaid("subscription_cycle")));

        var renewal = Single(Deliver(InvoicePaid("subscription_cycle"), Settings with { SubscriptionRenewalEventName = "Purchase" }));

        Assert.Equal("Purchase", renewal.Event.EventName);
        Assert.Equal("renewal_in_1QxYzCLkdIwHu7ixQwErTy", renewal.Event.EventId);
        Assert.Equal("system_generated", renewal.Event.ActionSource);
        Assert.Equal("stripe:invoice:in_1QxYzCLkdIwHu7ixQwErTy", renewal.IdempotencyKey);
    }

    [Fact]
    public void Manual_invoice_is_ignored()
    {
        Assert.IsType<WebhookIgnored>(Deliver(InvoicePaid("manual")));
    }

    [Fact]
    public void Charge_refund_reports_only_the_newest_refund_with_its_own_key()
    {
        var conversion = Single(Deliver(ChargeRefunded()));
        var refund = conversion.Event;

        Assert.Equal("Refund", refund.EventName);
        Assert.Equal(15.00m, refund.Value);
        Assert.Equal("USD", refund.Currency);
        Assert.Equal("refund_re_3QxYzALkdIwHu7ix0newer", refund.EventId);
        Assert.Equal("stripe:refund:re_3QxYzALkdIwHu7ix0newer", conversion.IdempotencyKey);
        Assert.Equal("stripe:payment:pi_3QxYzALkdIwHu7ix1a2b3c4d", conversion.OriginalKey);
        Assert.Null(refund.OriginalEventId);
        Assert.Null(refund.UserData);
    }

    [Fact]
    public void Charge_refund_without_the_refund_list_uses_the_difference_from_the_previous_amount()
    {
        var conversion = Single(Deliver(ChargeRefunded(withRefundList: false, amountRefunded: 2000, previouslyRefunded: 500)));

        Assert.Equal(15.00m, conversion.Event.Value);
        Assert.Equal("stripe:charge:ch_3QxYzALkdIwHu7ix1x2y3z4w:refunded:2000", conversion.IdempotencyKey);
    }

    [Fact]
    public void First_refund_without_the_refund_list_is_the_cumulative_amount()
    {
        Assert.Equal(20.00m, Single(Deliver(ChargeRefunded(withRefundList: false, amountRefunded: 2000))).Event.Value);
    }

    [Fact]
    public void Refund_names_the_purchase_when_payment_intents_are_the_purchase()
    {
        var refund = Single(Deliver(ChargeRefunded(), Settings with { PurchaseEvent = StripeEventTypes.PaymentIntentSucceeded })).Event;

        Assert.Equal("purchase_pi_3QxYzALkdIwHu7ix1a2b3c4d", refund.OriginalEventId);
    }

    [Fact]
    public void Refund_names_the_purchase_by_the_shop_order_id_in_metadata()
    {
        var payload = ChargeRefunded();
        payload["data"]!["object"]!["metadata"] = new JsonObject { ["order_id"] = "A-1001" };

        Assert.Equal("purchase_A-1001", Single(Deliver(payload)).Event.OriginalEventId);
    }

    [Fact]
    public void Other_event_types_are_ignored()
    {
        var payload = Envelope("customer.created", """{ "id": "cus_QxYzAbCdEfGh12", "object": "customer" }""");

        Assert.Equal("event type customer.created is not a conversion", Assert.IsType<WebhookIgnored>(Deliver(payload)).Reason);
    }

    [Fact]
    public void Signed_body_that_is_not_an_event_is_rejected_with_400()
    {
        const string body = """{"hello":"world"}""";

        Assert.Equal(400, Evaluate(body, SignatureHeader(body)).StatusCode);
        Assert.Equal(400, Evaluate("{not json", SignatureHeader("{not json")).StatusCode);
    }

    [Fact]
    public void Bad_signature_is_rejected_with_401()
    {
        var body = CheckoutSessionCompleted().ToJsonString();

        var verdict = Assert.IsType<WebhookRejected>(Evaluate(body, SignatureHeader(body, secret: "whsec_wrong")));

        Assert.Equal(401, verdict.StatusCode);
    }

    [Fact]
    public void Missing_signature_is_rejected_with_401()
    {
        Assert.Equal(401, Evaluate(CheckoutSessionCompleted().ToJsonString(), null).StatusCode);
    }

    [Fact]
    public void Stale_timestamp_with_a_valid_signature_is_rejected_with_400()
    {
        var body = CheckoutSessionCompleted().ToJsonString();
        var stale = ReceivedAt.ToUnixTimeSeconds() - 301;

        var verdict = Assert.IsType<WebhookRejected>(Evaluate(body, SignatureHeader(body, timestamp: stale)));

        Assert.Equal(400, verdict.StatusCode);
        Assert.Contains("tolerance", verdict.Reason);
    }

    [Fact]
    public void Stale_timestamp_with_a_bad_signature_is_rejected_with_401()
    {
        var body = CheckoutSessionCompleted().ToJsonString();
        var stale = ReceivedAt.ToUnixTimeSeconds() - 3600;

        Assert.Equal(401, Evaluate(body, SignatureHeader(body, "whsec_wrong", stale)).StatusCode);
    }

    [Fact]
    public void Timestamp_at_the_edge_of_the_tolerance_is_accepted()
    {
        var body = CheckoutSessionCompleted().ToJsonString();

        Assert.IsType<WebhookAccepted>(Evaluate(body, SignatureHeader(body, timestamp: ReceivedAt.ToUnixTimeSeconds() - 300)));
    }

    [Fact]
    public void Second_v1_signature_may_be_the_matching_one()
    {
        var body = CheckoutSessionCompleted().ToJsonString();
        var t = ReceivedAt.ToUnixTimeSeconds();
        var header = $"t={t},v1={Hex("whsec_old_endpoint_secret", t, body)},v1={Hex(Secret, t, body)}";

        Assert.IsType<WebhookAccepted>(Evaluate(body, header));
    }

    [Fact]
    public void Any_configured_secret_may_match()
    {
        var body = CheckoutSessionCompleted().ToJsonString();

        var verdict = Evaluate(body, SignatureHeader(body, RolledSecret), Settings with { Secrets = [Secret, RolledSecret] });

        Assert.IsType<WebhookAccepted>(verdict);
    }

    [Fact]
    public void Default_settings_with_a_secret_are_valid_and_mistakes_are_reported()
    {
        Assert.Empty(Settings.Validate());
        Assert.Equal(3, new StripeSettings { PurchaseEvent = "charge.succeeded", ToleranceSeconds = 0 }.Validate().Count);
    }

    [Fact]
    public void A_signed_event_with_a_key_written_twice_is_a_400_naming_the_key()
    {
        var json = PaymentIntentSucceeded().ToJsonString();
        var body = "{\"type\":\"payment_intent.succeeded\"," + json[1..];

        var verdict = Assert.IsType<WebhookRejected>(Evaluate(body, SignatureHeader(body)));

        Assert.Equal(400, verdict.StatusCode);
        Assert.StartsWith("duplicate key 'type'", verdict.Reason);
    }

    [Fact]
    public void A_signed_event_whose_order_id_metadata_holds_a_control_character_is_a_400_naming_the_field()
    {
        var payload = PaymentIntentSucceeded();
        payload["data"]!["object"]!["metadata"]!["order_id"] = "A-10\u000701";

        var verdict = Assert.IsType<WebhookRejected>(Deliver(payload, Settings with { PurchaseEvent = "payment_intent.succeeded" }));

        Assert.Equal(400, verdict.StatusCode);
        Assert.Contains("order_id must be printable", verdict.Reason);
    }
}
