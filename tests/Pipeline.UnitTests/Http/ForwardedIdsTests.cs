using Pipeline.Events;

namespace Pipeline.UnitTests.Http;

public sealed class ForwardedIdsTests
{
    [Theory]
    [InlineData("purchase_1001")]
    [InlineData("order 1001")]
    [InlineData("gid://shopify/Order/1001")]
    [InlineData("commande-été-№5")]
    [InlineData("注文-1001")]
    [InlineData("🛒-1001")]
    public void Visible_text_is_a_valid_id(string id) => Assert.True(ForwardedIds.IsPrintable(id));

    [Theory]
    [InlineData("purchase_\u00001001")]
    [InlineData("purchase_1001\n")]
    [InlineData("\tpurchase")]
    [InlineData("purchase\u007f")]
    [InlineData("purchase\u0085")]
    [InlineData("purchase\u200b1001")]
    [InlineData("purchase\u202e1001")]
    [InlineData("purchase\u20281001")]
    [InlineData("purchase\ue000")]
    [InlineData("purchase\ufffd")]
    [InlineData("")]
    [InlineData("   ")]
    public void Control_format_separator_private_and_broken_characters_are_not(string id) =>
        Assert.False(ForwardedIds.IsPrintable(id));

    [Fact]
    public void Half_a_surrogate_pair_is_not_but_a_whole_one_is()
    {
        // Built in code: an attribute argument cannot carry a lone surrogate.
        Assert.False(ForwardedIds.IsPrintable("purchase" + (char)0xD800));
        Assert.False(ForwardedIds.IsPrintable((char)0xDC00 + "purchase"));
        Assert.True(ForwardedIds.IsPrintable("purchase" + (char)0xD83D + (char)0xDED2));
    }

    [Fact]
    public void The_problem_names_the_field_and_the_limit()
    {
        Assert.Null(ForwardedIds.Problem("event_id", null));
        Assert.Null(ForwardedIds.Problem("event_id", "purchase_1"));
        Assert.Equal("event_id is longer than 5 characters", ForwardedIds.Problem("event_id", "purchase", 5));
        Assert.StartsWith("order_id must be printable text", ForwardedIds.Problem("order_id", "10\u00001"));
    }

    [Fact]
    public void A_canonical_event_is_checked_id_by_id_with_canonical_field_names()
    {
        var ok = new CanonicalEvent { EventName = "Purchase", EventTime = 1, EventId = "purchase_1", ActionSource = "website" };

        Assert.Null(ForwardedIds.Problem(ok));
        Assert.StartsWith("visitor_ids[1] ", ForwardedIds.Problem(ok with { VisitorIds = ["v-1", "shopify-cart:\u0001"] }));
        Assert.StartsWith("click_ids.gclid ", ForwardedIds.Problem(ok with { ClickIds = new Dictionary<string, string> { ["gclid"] = "Cj0\u200b" } }));
        Assert.StartsWith("contents[0].id ", ForwardedIds.Problem(ok with { Contents = [new ContentItem { Id = "sku\n" }] }));
        Assert.Null(ForwardedIds.Problem(ok with { Contents = [new ContentItem { Id = "" }] }));
    }
}
