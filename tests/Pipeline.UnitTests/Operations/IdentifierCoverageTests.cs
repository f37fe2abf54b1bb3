using Pipeline.Events;
using Pipeline.Identity;
using Pipeline.Telemetry;

namespace Pipeline.UnitTests.Operations;

public sealed class IdentifierCoverageTests
{
    [Fact]
    public void An_event_with_every_identifier_is_fully_covered()
    {
        var evt = new CanonicalEvent
        {
            ClickIds = new Dictionary<string, string> { ["gclid"] = "Cj0KCQ" },
            BrowserIds = new Dictionary<string, string> { ["fbc"] = "fb.1.1700000000.abc", ["fbp"] = "fb.1.1700000000.123" },
            UserData = new HashedUserData
            {
                Email = new HashVariants { [HashRules.Meta] = new string('a', 64) },
                Phone = new HashVariants { [HashRules.Meta] = new string('b', 64) },
                ExternalId = new HashVariants { [HashRules.PreHashed] = new string('c', 64) },
            },
            ClientIpAddress = "203.0.113.7",
            ClientUserAgent = "Mozilla/5.0",
        };

        var coverage = IdentifierCoverage.Of(evt);

        Assert.Equal(new IdentifierCoverage(true, true, true, true, true, true, true), coverage);
        Assert.Equal("click,fbc,fbp,em,ph,xid,ipua", coverage.ToFlags());
    }

    [Fact]
    public void An_empty_event_covers_nothing()
    {
        Assert.Equal(IdentifierCoverage.None, IdentifierCoverage.Of(new CanonicalEvent()));
        Assert.Equal("", IdentifierCoverage.None.ToFlags());
    }

    [Fact]
    public void Ip_without_user_agent_and_blank_ids_do_not_count()
    {
        var evt = new CanonicalEvent
        {
            ClickIds = new Dictionary<string, string> { ["fbclid"] = " " },
            BrowserIds = new Dictionary<string, string> { ["ttp"] = "x", ["fbp"] = "" },
            ClientIpAddress = "203.0.113.7",
        };

        Assert.Equal(IdentifierCoverage.None, IdentifierCoverage.Of(evt));
    }

    [Fact]
    public void Flags_read_back_to_the_same_coverage()
    {
        var coverage = new IdentifierCoverage(true, false, true, false, true, false, true);

        Assert.Equal(coverage, IdentifierCoverage.Parse(coverage.ToFlags()));
        Assert.Equal(IdentifierCoverage.None, IdentifierCoverage.Parse(null));
        Assert.Equal(new IdentifierCoverage(false, false, false, true, false, false, false), IdentifierCoverage.Parse("em, unknown"));
    }
}
