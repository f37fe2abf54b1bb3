using Pipeline.Destinations;
using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.UnitTests.Destinations.Platform;

/// <summary>The one rule for a platform's event name, whatever the platform.</summary>
public sealed class EventNameMapTests
{
    private static readonly EventNameMap SameNames = EventNameMap.SameNames("Purchase", "Lead");
    private static readonly EventNameMap OwnNames = EventNameMap.Of([("Purchase", "purchase")], name => "custom_" + name);

    [Fact]
    public void The_targets_mapped_name_wins_over_the_default()
    {
        Assert.Equal("SubmitForm", SameNames.Resolve(new CanonicalEvent { EventName = "Lead" }, new DeliveryTarget { EventName = "SubmitForm" }));
    }

    [Fact]
    public void A_standard_name_goes_by_the_platforms_default()
    {
        Assert.Equal("Purchase", SameNames.Resolve(new CanonicalEvent { EventName = "Purchase" }, new DeliveryTarget()));
        Assert.Equal("purchase", OwnNames.Resolve(new CanonicalEvent { EventName = "Purchase" }, new DeliveryTarget()));
    }

    [Fact]
    public void A_name_the_platform_has_no_event_for_is_null_unless_the_platform_makes_one_up()
    {
        Assert.Null(SameNames.Resolve(new CanonicalEvent { EventName = "Refund" }, new DeliveryTarget()));
        Assert.Equal("custom_Refund", OwnNames.Resolve(new CanonicalEvent { EventName = "Refund" }, new DeliveryTarget()));
    }

    [Fact]
    public void A_blank_mapped_name_counts_as_none()
    {
        Assert.Equal("Lead", SameNames.For("Lead", " "));
    }
}
