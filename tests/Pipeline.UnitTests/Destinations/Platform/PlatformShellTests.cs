using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.Destinations.Platform;
using Pipeline.Events;

namespace Pipeline.UnitTests.Destinations.Platform;

/// <summary>What a platform gets from the shell without writing it: the settings rules, the modes, the age limit.</summary>
public sealed class PlatformShellTests
{
    // Creating a destination neither sends nor records, so the factory needs no HTTP client or storage here.
    private static readonly PlatformDestinationFactory<ExampleSettings> Factory = new(new ExamplePlatform(), null!, null!, TimeProvider.System);

    [Fact]
    public void Every_missing_setting_of_a_live_destination_is_named_in_one_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Factory.Create(Options("live", ("BaseUrl", "ads.example"))));

        Assert.Contains("'example-main' (type example)", error.Message);
        Assert.Contains("Settings:BaseUrl 'ads.example' is not an absolute http(s) URL", error.Message);
        Assert.Contains("missing Settings:AccountId", error.Message);
        Assert.Contains("missing Settings:ApiKey", error.Message);
    }

    [Fact]
    public void Outbox_mode_needs_no_credentials_and_test_mode_needs_the_test_code()
    {
        Assert.NotNull(Factory.Create(Options("outbox", ("AccountId", "A1"))));
        var test = Assert.Throws<InvalidOperationException>(() => Factory.Create(Options("test", ("AccountId", "A1"), ("ApiKey", "k"))));

        Assert.Contains("missing Settings:TestCode (Mode is test)", test.Message);
    }

    [Fact]
    public void The_age_limit_is_checked_against_the_platforms_bounds_and_reported_to_the_sender()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Factory.Create(Options("live", ("AccountId", "A1"), ("ApiKey", "k"), ("MaxEventAgeDays", "31"))));
        var destination = Factory.Create(Options("live", ("AccountId", "A1"), ("ApiKey", "k"), ("MaxEventAgeDays", "3")));

        Assert.Contains("Settings:MaxEventAgeDays must be 1 to 30 (Example's limit)", error.Message);
        Assert.Equal(TimeSpan.FromDays(3), Assert.IsAssignableFrom<IEventAgeLimit>(destination).MaxEventAge);
    }

    [Fact]
    public void A_misspelt_setting_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Factory.Create(Options("live", ("AccountId", "A1"), ("ApiKey", "k"), ("ApiKee", "k"))));

        Assert.Contains("unknown setting Settings:ApiKee", error.Message);
    }

    [Fact]
    public async Task The_destination_batches_by_the_platforms_limit_and_keeps_test_and_live_apart()
    {
        var destination = Assert.IsAssignableFrom<IBatchDestination>(Factory.Create(Options("live", ("AccountId", "A1"), ("ApiKey", "k"))));
        var live = new DeliveryRequest(new CanonicalEvent { EventName = "Purchase" }, new DeliveryTarget(), 1);
        var test = live with { Target = new DeliveryTarget { Test = true } };
        var refund = new DeliveryRequest(new CanonicalEvent { EventName = "Refund" }, new DeliveryTarget(), 1);

        Assert.Equal(("example", 2), (destination.Type, destination.MaxBatchSize));
        Assert.NotEqual(destination.BatchKey(live), destination.BatchKey(test));
        Assert.Equal(DeliveryOutcomeKind.Skipped, (await destination.DeliverAsync(refund, CancellationToken.None)).Kind);
    }

    private static DestinationOptions Options(string mode, params (string Key, string Value)[] settings) =>
        DestinationOptionsBuilder.Options("example", mode, settings);
}
