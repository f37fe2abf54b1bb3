using Pipeline.Configuration;

namespace Pipeline.UnitTests.Send;

public sealed class LeaseOptionsTests
{
    [Fact]
    public void The_defaults_end_a_send_lease_before_the_queue_brings_back_a_crashed_workers_message()
    {
        var defaults = new LeaseOptions();

        Assert.Empty(defaults.Problems());
        Assert.True(defaults.Delivery < LeaseOptions.QueueMessageLease);
        Assert.True(LeaseOptions.IngestClaimWait < defaults.IngestClaim);
    }

    [Theory]
    [InlineData("00:00:05", "00:00:30", "Pipeline:Leases:Delivery")]
    [InlineData("00:10:00", "00:00:30", "Pipeline:Leases:Delivery")]
    [InlineData("00:02:00", "00:00:01", "Pipeline:Leases:IngestClaim")]
    [InlineData("00:02:00", "00:06:00", "Pipeline:Leases:IngestClaim")]
    public void A_lease_outside_its_range_is_refused_with_the_setting_named(string delivery, string ingestClaim, string setting)
    {
        var options = new LeaseOptions { Delivery = TimeSpan.Parse(delivery), IngestClaim = TimeSpan.Parse(ingestClaim) };

        Assert.Contains(options.Problems(), p => p.StartsWith(setting, StringComparison.Ordinal));
    }
}
