using Pipeline.Ledger;
using Pipeline.Status;

namespace Pipeline.UnitTests.Operations;

public sealed class StatusAggregatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 20, 0, TimeSpan.Zero);

    private static LedgerEntry Row(string eventId, string destination, string state, DateTimeOffset at, string? coverage = null) => new()
    {
        EventId = eventId,
        Destination = destination,
        EventName = "Purchase",
        State = state,
        UpdatedAt = at,
        DeliveredAt = state == DeliveryState.Delivered ? at : null,
        EventTime = at.AddMinutes(-5).ToUnixTimeSeconds(),
        Coverage = coverage,
    };

    private static LedgerEntry Match(string eventId, string source, DateTimeOffset at, string? orderId = null, string? rule = null, string? coverage = null, string? sources = null) =>
        Row(eventId, DeliveryLedger.MatchRow, DeliveryState.Delivered, at) with
        {
            Source = source,
            OrderId = orderId,
            MatchRule = rule,
            Reason = rule is null ? "matched by none; 1 destination(s)" : null,
            Coverage = coverage,
            Sources = sources,
        };

    private static StatusReport Build(IEnumerable<LedgerEntry> rows, IEnumerable<CircuitRow>? circuits = null, params string[] configured) =>
        StatusAggregator.Build(rows, circuits ?? [], configured, Now);

    [Fact]
    public void Deliveries_and_failures_land_in_their_hour_of_a_48_hour_window()
    {
        var rows = new[]
        {
            Row("e1", "meta", DeliveryState.Delivered, Now.AddMinutes(-5)),
            Row("e2", "meta", DeliveryState.Delivered, Now.AddMinutes(-10)),
            Row("e3", "meta", DeliveryState.Dead, Now.AddHours(-3)),
            Row("e4", "meta", DeliveryState.Failed, Now.AddHours(-3)),
            Row("e5", "meta", DeliveryState.Delivered, Now.AddHours(-60)),
        };

        var meta = Assert.Single(Build(rows).Destinations);

        Assert.Equal(48, meta.Hours.Count);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero), meta.Hours[^1].Hour);
        Assert.Equal(new DateTimeOffset(2025, 3, 8, 13, 0, 0, TimeSpan.Zero), meta.Hours[0].Hour);
        Assert.Equal(2, meta.Hours[^1].Delivered);
        Assert.Equal(2, meta.Hours[^4].Failed);
        Assert.Equal(2, meta.Delivered);
        Assert.Equal(1, meta.Dead);
        Assert.Equal(1, meta.Failed);
        Assert.Equal(2, meta.Hours.Sum(h => h.Delivered));
    }

    [Fact]
    public void Configured_destinations_appear_even_without_rows_and_match_rows_are_not_destinations()
    {
        var report = Build([Match("e1", "api", Now)], configured: ["tiktok", "meta"]);

        Assert.Equal(["meta", "tiktok"], report.Destinations.Select(d => d.Id));
        Assert.All(report.Destinations, d => Assert.Equal(0, d.Delivered));
    }

    [Fact]
    public void Dead_letters_are_listed_newest_first_with_replayability_whatever_their_age()
    {
        var old = Row("e1", "meta", DeliveryState.Dead, Now.AddDays(-20)) with { LastError = "HTTP 400", Payload = "{}" };
        var recent = Row("e2", "ga4", DeliveryState.Dead, Now.AddHours(-1)) with { LastError = "expired" };
        var unreadable = Row("~unreadable", "deliveries-ab12", DeliveryState.Dead, Now.AddHours(-2)) with { Payload = "garbage" };

        var report = Build([old, recent, unreadable]);

        Assert.Equal(3, report.DeadLetterTotal);
        Assert.Equal(["e2", "~unreadable", "e1"], report.DeadLetters.Select(d => d.EventId));
        Assert.True(report.DeadLetters.Single(d => d.EventId == "e1").Replayable);
        Assert.False(report.DeadLetters.Single(d => d.EventId == "e2").Replayable);
        Assert.False(report.DeadLetters.Single(d => d.EventId == "~unreadable").Replayable);
        Assert.DoesNotContain(report.Destinations, d => d.Id.StartsWith("deliveries"));
    }

    [Fact]
    public void Retrying_rows_are_listed_by_next_attempt()
    {
        var later = Row("e1", "meta", DeliveryState.Retrying, Now) with { NextAttemptAt = Now.AddHours(2), Attempts = 3 };
        var sooner = Row("e2", "meta", DeliveryState.Retrying, Now) with { NextAttemptAt = Now.AddMinutes(5), Attempts = 1 };

        var report = Build([later, sooner]);

        Assert.Equal(2, report.RetryingTotal);
        Assert.Equal(["e2", "e1"], report.Retrying.Select(r => r.EventId));
    }

    [Fact]
    public void Open_circuits_are_paused_destinations()
    {
        var report = Build([], [new CircuitRow("meta", "open", "auth failures"), new CircuitRow("ga4", "closed", null)]);

        var paused = Assert.Single(report.Paused);
        Assert.Equal(new PausedDestination("meta", "open", "auth failures"), paused);
    }

    [Fact]
    public void Coverage_uses_the_destination_rows_flags_else_the_events_own()
    {
        var rows = new[]
        {
            Row("e1", "meta", DeliveryState.Delivered, Now, coverage: "click,em"),
            Row("e2", "meta", DeliveryState.Delivered, Now),
            Match("e2", "api", Now, coverage: "em,ipua"),
            Row("e3", "meta", DeliveryState.Delivered, Now),
            Row("e4", "meta", DeliveryState.Dead, Now, coverage: "click"),
        };

        var coverage = Assert.Single(Build(rows).Destinations).Coverage;

        Assert.Equal(2, coverage.Events);
        Assert.Equal(1.0, coverage.Identifiers.Single(i => i.Identifier == "em").Share);
        Assert.Equal(0.5, coverage.Identifiers.Single(i => i.Identifier == "click").Share);
        Assert.Equal(0.5, coverage.Identifiers.Single(i => i.Identifier == "ipua").Share);
        Assert.Equal(0, coverage.Identifiers.Single(i => i.Identifier == "fbp").Count);
    }

    [Fact]
    public void Match_rule_shares_read_the_rule_or_the_reason()
    {
        var rows = new[]
        {
            Match("e1", "api", Now, rule: "click_id"),
            Match("e2", "api", Now, rule: "click_id"),
            Match("e3", "api", Now, rule: "visitor_id"),
            Match("e4", "api", Now),
        };

        var rules = Build(rows).MatchRules;

        Assert.Equal(["click_id", "none", "visitor_id"], rules.Select(r => r.Rule));
        Assert.Equal(new RuleShare("click_id", 2, 0.5), rules[0]);
        Assert.Equal(0.25, rules[1].Share);
    }

    [Fact]
    public void Dedup_check_compares_browser_and_server_event_ids_per_order()
    {
        var rows = new[]
        {
            // Order 1001: both sources sent the same id (the second arrival noted its source on the row).
            Match("purchase_1001", "browser", Now, orderId: "1001", sources: "browser,shopify"),
            // Order 1002: the browser made up its own id.
            Match("browser-abc", "browser", Now, orderId: "1002"),
            Match("purchase_1002", "shopify", Now, orderId: "1002"),
            // Order 1003: only the server saw it, so there is nothing to compare.
            Match("purchase_1003", "stripe", Now, orderId: "1003"),
        };

        var dedup = Build(rows).Dedup;

        Assert.Equal(2, dedup.OrdersCompared);
        Assert.Equal(1, dedup.Agreeing);
        Assert.Equal(1, dedup.Mismatched);
        Assert.Equal(0.5, dedup.AgreeingShare);
        var example = Assert.Single(dedup.Examples);
        Assert.Equal("1002", example.OrderId);
        Assert.Equal(["browser-abc"], example.BrowserEventIds);
        Assert.Equal(["purchase_1002"], example.ServerEventIds);
    }

    [Fact]
    public void Dedup_check_with_nothing_to_compare_has_no_share()
    {
        Assert.Null(Build([]).Dedup.AgreeingShare);
    }

    [Theory]
    [InlineData("matched by click_id; 2 destination(s)", "click_id")]
    [InlineData("matched by identity", "identity")]
    [InlineData("something else", "unknown")]
    public void The_rule_is_read_from_the_match_reason(string reason, string rule) =>
        Assert.Equal(rule, StatusAggregator.RuleOf(new LedgerEntry { EventId = "e", Destination = DeliveryLedger.MatchRow, Reason = reason }));
}
