using System.Text;
using Pipeline.Replay;

namespace Pipeline.UnitTests.Replay;

public sealed class ReplayRequestBodyTests
{
    private static (ReplayRequest? Request, string? Error) Parse(string json) => ReplayRequestBody.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Every_field_is_read()
    {
        var (request, error) = Parse("""{"destination":"meta-main","from":"2026-11-01","to":"2026-11-02T08:30:00Z","reason":"190","dry_run":true,"note":"token renewed"}""");

        Assert.Null(error);
        Assert.Equal("meta-main", request!.Filter.Destination);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), request.Filter.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 30, 0, TimeSpan.Zero), request.Filter.To);
        Assert.Equal("190", request.Filter.Reason);
        Assert.True(request.DryRun);
        Assert.Equal("token renewed", request.Note);
    }

    [Fact]
    public void An_empty_object_replays_everything_dead_for_real()
    {
        var (request, error) = Parse("{}");

        Assert.Null(error);
        Assert.Equal(new ReplayFilter(), request!.Filter);
        Assert.False(request.DryRun);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"destination\":")]
    [InlineData("{\"destinaton\":\"meta-main\"}")]
    [InlineData("{\"from\":\"yesterday\"}")]
    [InlineData("{\"from\":\"11/01/2026\"}")]
    [InlineData("{\"to\":\"2026-13-01\"}")]
    [InlineData("{\"from\":\"2026-11-02\",\"to\":\"2026-11-01\"}")]
    [InlineData("{\"destination\":\" \"}")]
    [InlineData("{\"reason\":\"\"}")]
    [InlineData("{\"dry_run\":\"yes\"}")]
    [InlineData("{\"from\":5}")]
    public void A_bad_filter_is_refused_with_a_message(string json)
    {
        var (request, error) = Parse(json);

        Assert.Null(request);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void A_time_with_an_offset_keeps_its_instant()
    {
        var (request, _) = Parse("""{"from":"2026-11-01T10:00:00+02:00"}""");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), request!.Filter.From!.Value.ToUniversalTime());
    }
}
