using Pipeline.Status;

namespace Pipeline.UnitTests.Operations;

public sealed class StatusPageTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 20, 0, TimeSpan.Zero);

    [Fact]
    public void The_page_is_self_contained_and_escapes_what_it_shows()
    {
        var report = new StatusReport
        {
            GeneratedAt = Now,
            WindowHours = 48,
            Destinations = [new DestinationStatus { Id = "meta", Delivered = 7, Hours = [new HourBucket(Now, 7, 0)] }],
            DeadLetters = [new DeadLetterItem { EventId = "e1", Destination = "meta", LastError = "<script>alert(1)</script>", Replayable = true }],
            DeadLetterTotal = 1,
        };

        var html = StatusPage.Render(report);

        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
        Assert.Contains("<svg", html);
        Assert.Contains("<td data-metric=\"delivered\">7</td>", html);
        Assert.Contains("class=\"replay\"", html);
    }
}
