using System.Net;
using System.Text.Json;
using Pipeline.Ingest;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Sources.Stripe;
using static Pipeline.IntegrationTests.Sources.StripePayloads;

namespace Pipeline.IntegrationTests.Sources;

/// <summary>Stripe deliveries through the standalone host on Azurite, signed with Stripe's algorithm in the test.</summary>
public sealed class StripeWebhookTests : IAsyncLifetime
{
    private PipelineHost _host = null!;

    public async Task InitializeAsync() => _host = await PipelineHost.StartAsync(Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<HttpResponseMessage> DeliverAsync(System.Text.Json.Nodes.JsonNode payload, string secret = Secret)
    {
        var body = payload.ToJsonString();
        return _host.PostStripeAsync(body, SignatureHeader(body, secret));
    }

    [Fact]
    public async Task A_completed_checkout_session_becomes_one_purchase_with_hashed_identifiers_only()
    {
        var response = await DeliverAsync(CheckoutSessionCompleted("evt_1Session00000000000001", "cs_live_a1b2C3d4E5f6G7h8", "pi_3Session000000000001"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["purchase_cs_live_a1b2C3d4E5f6G7h8"], await response.EnqueuedAsync());
        var body = await _host.OutboxBodyAsync("purchase_cs_live_a1b2C3d4E5f6G7h8");
        using var doc = JsonDocument.Parse(body);
        var e = doc.RootElement;
        Assert.Equal("Purchase", e.GetProperty("event_name").GetString());
        Assert.Equal("stripe", e.GetProperty("source").GetString());
        Assert.Equal(Created, e.GetProperty("event_time").GetInt64());
        Assert.Equal(500.00m, e.GetProperty("value").GetDecimal());
        Assert.Equal("USD", e.GetProperty("currency").GetString());
        Assert.Equal("v1.StRiPeViSiToR", e.GetProperty("visitor_ids")[0].GetString());
        Assert.False(e.GetProperty("test").GetBoolean());
        Assert.Matches("^[0-9a-f]{64}$", e.GetProperty("user_data").GetProperty("em").GetProperty("meta").GetString());
        WebhookClient.AssertNoPlaintext(body, Plaintexts);
        WebhookClient.AssertNoPlaintextOutsideGoogleAddress(body, GoogleUnhashedParts);

        var key = await _host.IngestKeyAsync(StripeKeys.Payment("pi_3Session000000000001"));
        Assert.Equal(IngestState.Enqueued, key!.State);
        Assert.Equal("purchase_cs_live_a1b2C3d4E5f6G7h8", key.EventId);
        Assert.Equal(1, (await _host.Ingest().GetDeliveryAsync(StripeKeys.Payment("pi_3Session000000000001"), "stripe-event:evt_1Session00000000000001", default))!.Deliveries);
    }

    [Theory]
    [InlineData("jpy", 800, "800")]
    [InlineData("kwd", 12340, "12.340")]
    [InlineData("bhd", 5, "0.005")]
    [InlineData("eur", 1999, "19.99")]
    public async Task Amounts_in_minor_units_keep_the_currencys_decimals(string currency, long amount, string expected)
    {
        var session = $"cs_live_minor_{currency}";
        await DeliverAsync(CheckoutSessionCompleted($"evt_minor_{currency}", session, $"pi_minor_{currency}", currency, amount));

        var body = await _host.OutboxBodyAsync($"purchase_{session}");

        Assert.Contains($"\"value\":{expected},", body);
        Assert.Contains($"\"currency\":\"{currency.ToUpperInvariant()}\"", body);
    }

    [Fact]
    public async Task A_retried_event_and_the_payment_intent_twin_enqueue_nothing_new()
    {
        var payload = CheckoutSessionCompleted("evt_1Retry0000000000000001", "cs_live_retry", "pi_3Retry000000000001");
        var first = await DeliverAsync(payload);
        var retry = await DeliverAsync(payload);
        var twin = await DeliverAsync(PaymentIntentSucceeded("evt_1Twin00000000000000001", "pi_3Retry000000000001"));

        Assert.Equal(["purchase_cs_live_retry"], await first.EnqueuedAsync());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Empty(await retry.EnqueuedAsync());
        Assert.Equal("ignored", (await twin.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(1, (await _host.IngestKeyAsync(StripeKeys.Payment("pi_3Retry000000000001")))!.Enqueues);
        Assert.Equal(2, (await _host.Ingest().GetDeliveryAsync(StripeKeys.Payment("pi_3Retry000000000001"), "stripe-event:evt_1Retry0000000000000001", default))!.Deliveries);
    }

    [Fact]
    public async Task A_refund_finds_the_checkout_purchase_it_corrects_through_the_payment_intent()
    {
        await DeliverAsync(CheckoutSessionCompleted("evt_1Paid0000000000000001", "cs_live_refunded", "pi_3Refunded0000000001"));

        var response = await DeliverAsync(ChargeRefunded("evt_1Refund00000000000001", "ch_3Refunded0000000001", "pi_3Refunded0000000001", "re_3Refunded0000000001"));
        var duplicate = await DeliverAsync(ChargeRefunded("evt_1Refund00000000000001", "ch_3Refunded0000000001", "pi_3Refunded0000000001", "re_3Refunded0000000001"));

        Assert.Equal(["refund_re_3Refunded0000000001"], await response.EnqueuedAsync());
        Assert.Empty(await duplicate.EnqueuedAsync());
        var e = await _host.OutboxEventAsync("refund_re_3Refunded0000000001");
        Assert.Equal("Refund", e.GetProperty("event_name").GetString());
        Assert.Equal(15.00m, e.GetProperty("value").GetDecimal());
        Assert.Equal("purchase_cs_live_refunded", e.GetProperty("original_event_id").GetString());
    }

    [Fact]
    public async Task A_first_subscription_invoice_becomes_a_subscribe_event()
    {
        var response = await DeliverAsync(InvoicePaid("evt_1Invoice0000000000001", "in_1Sub000000000001", "sub_1Sub000000000001"));

        Assert.Equal(["subscribe_sub_1Sub000000000001"], await response.EnqueuedAsync());
        var e = await _host.OutboxEventAsync("subscribe_sub_1Sub000000000001");
        Assert.Equal("Subscribe", e.GetProperty("event_name").GetString());
        Assert.Equal(19.99m, e.GetProperty("value").GetDecimal());
        Assert.Equal("v1.SuBsCrIbEr", e.GetProperty("visitor_ids")[0].GetString());
    }

    [Fact]
    public async Task A_test_mode_event_is_marked_test()
    {
        await DeliverAsync(CheckoutSessionCompleted("evt_1Test00000000000000001", "cs_test_a1b2", "pi_3Test0000000000001", livemode: false));

        var e = await _host.OutboxEventAsync("purchase_cs_test_a1b2");

        Assert.True(e.GetProperty("test").GetBoolean());
    }

    [Fact]
    public async Task An_event_signed_with_the_rolled_secret_is_accepted()
    {
        var response = await DeliverAsync(CheckoutSessionCompleted("evt_1Rolled000000000000001", "cs_live_rolled", "pi_3Rolled00000000001"), RolledSecret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["purchase_cs_live_rolled"], await response.EnqueuedAsync());
    }

    [Fact]
    public async Task A_header_with_several_v1_signatures_is_accepted_when_one_matches()
    {
        var body = CheckoutSessionCompleted("evt_1Multi0000000000000001", "cs_live_multi", "pi_3Multi000000000001").ToJsonString();
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = $"t={t},v1={Hex("whsec_someOtherEndpointSecret0000", t, body)},v1={Hex(Secret, t, body)}";

        var response = await _host.PostStripeAsync(body, header);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("whsec_wrongwrongwrongwrongwrongwrong")]
    [InlineData("")]
    public async Task A_wrong_or_missing_signature_gets_401_and_stores_nothing(string secret)
    {
        var body = CheckoutSessionCompleted("evt_1Forged0000000000000001", "cs_live_forged", "pi_3Forged00000000001").ToJsonString();

        var response = await _host.PostStripeAsync(body, secret.Length == 0 ? null : SignatureHeader(body, secret));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await _host.IngestKeyAsync(StripeKeys.Payment("pi_3Forged00000000001")));
        Assert.Null(await _host.Ingest().GetDeliveryAsync(StripeKeys.Payment("pi_3Forged00000000001"), "stripe-event:evt_1Forged0000000000000001", default));
    }

    [Fact]
    public async Task An_authentic_but_stale_delivery_gets_400_and_stores_nothing()
    {
        var body = CheckoutSessionCompleted("evt_1Stale00000000000000001", "cs_live_stale", "pi_3Stale000000000001").ToJsonString();
        var stale = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();

        var response = await _host.PostStripeAsync(body, SignatureHeader(body, Secret, stale));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tolerance", (await response.JsonAsync()).GetProperty("error").GetString());
        Assert.Null(await _host.IngestKeyAsync(StripeKeys.Payment("pi_3Stale000000000001")));
    }

    [Theory]
    [InlineData("customer.created")]
    [InlineData("payment_intent.created")]
    [InlineData("invoice.upcoming")]
    public async Task Other_event_types_get_200_and_are_ignored(string type)
    {
        var payload = Envelope($"evt_1Other_{type.Replace('.', '_')}", type, """{ "id": "cus_QxYzAbCdEfGh12", "object": "customer", "email": "jenny.rosen@example.com" }""");

        var response = await DeliverAsync(payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", (await response.JsonAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"id\": \"evt_1\", \"type\": ", "not valid JSON")]
    [InlineData("{\"id\": \"evt_1Bare\", \"object\": \"event\", \"type\": \"checkout.session.completed\"}", "data.object is missing")]
    public async Task An_authentic_but_unusable_event_gets_400_with_the_reason(string body, string reason)
    {
        var response = await _host.PostStripeAsync(body, SignatureHeader(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.JsonAsync()).GetProperty("error").GetString());
    }
}
