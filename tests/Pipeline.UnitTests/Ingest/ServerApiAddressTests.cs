using System.Text.Json;
using Pipeline.Identity;
using Pipeline.Ingest;

namespace Pipeline.UnitTests.Ingest;

/// <summary>The server API's user_data carries the street; it is hashed on arrival by Google's rules.</summary>
public class ServerApiAddressTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Street_in_user_data_is_hashed_for_google_and_the_unhashed_parts_are_normalized()
    {
        var e = JsonSerializer.Deserialize<ServerEvent>("""
            {"event_name":"Purchase","event_time":1796212800,"event_id":"purchase_1","action_source":"website",
             "user_data":{"first_name":"Jane","street":"1 Hacker Way","city":"Menlo Park","state":"California",
                          "zip":"94025","country":"United States"}}
            """)!;

        var (canonical, error) = ServerEventValidator.Validate(e, Now, "DE");

        Assert.Null(error);
        var user = canonical!.UserData!;
        Assert.Equal(UserDataHasher.Sha256Hex("1 hacker way"), user.Street![HashRules.Google]);
        Assert.Equal(new GoogleAddress { City = "menlo park", Region = "ca", PostalCode = "94025", Country = "US" }, user.GoogleAddress);
        Assert.DoesNotContain("hacker", JsonSerializer.Serialize(canonical), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_date_of_birth_after_the_events_arrival_day_is_dropped()
    {
        var e = new ServerEvent
        {
            EventName = "Lead", EventTime = Now.ToUnixTimeSeconds(), EventId = "lead_1", ActionSource = "website",
            UserData = new RawUserData { Email = "jane@example.com", DateOfBirth = "2026-12-03" },
        };

        var (canonical, _) = ServerEventValidator.Validate(e, Now, "US");

        Assert.Null(canonical!.UserData!.DateOfBirth);
    }
}
