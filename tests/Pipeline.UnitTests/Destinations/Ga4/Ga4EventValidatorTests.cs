using Pipeline.Destinations;
using Pipeline.Destinations.Ga4;
using static Pipeline.UnitTests.Destinations.GoogleAds.GoogleTestData;

namespace Pipeline.UnitTests.Destinations.Ga4;

public sealed class Ga4EventValidatorTests
{
    private static readonly Ga4Settings Settings = new() { MeasurementId = "G-TEST123", ApiSecret = "s" };

    [Fact]
    public void Recent_event_with_client_id_is_valid() =>
        Assert.Null(Ga4EventValidator.Validate(Purchase(), Target(), Settings, Now));

    [Fact]
    public void Event_just_inside_72_hours_is_valid() =>
        Assert.Null(Ga4EventValidator.Validate(Purchase(), Target(), Settings, Now.AddHours(70)));

    [Fact]
    public void Event_older_than_72_hours_is_permanent_expired()
    {
        var outcome = Ga4EventValidator.Validate(Purchase(), Target(), Settings, Now.AddHours(72));

        Assert.Equal(DeliveryOutcomeKind.Permanent, outcome?.Kind);
        Assert.StartsWith("expired", outcome!.Detail);
    }

    [Fact]
    public void Event_with_no_way_to_name_a_client_is_skipped()
    {
        var outcome = Ga4EventValidator.Validate(Purchase() with { BrowserIds = null, VisitorIds = null, UserData = null }, Target(), Settings, Now);
        Assert.Equal(DeliveryOutcomeKind.Skipped, outcome?.Kind);
    }
}
