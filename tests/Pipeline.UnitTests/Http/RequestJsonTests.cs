using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Configuration;
using Pipeline.Http;
using Pipeline.Replay;

namespace Pipeline.UnitTests.Http;

public sealed class RequestJsonTests
{
    private sealed record Amount(decimal? Value);

    [Theory]
    [InlineData("{\"value\":12.5,\"value\":99999}", "duplicate key 'value'")]
    [InlineData("{\"a\":{\"b\":1,\"b\":2}}", "duplicate key 'b'")]
    [InlineData("{\"events\":[{},{\"event_id\":\"a\",\"event_id\":\"b\"}]}", "duplicate key 'event_id'")]
    [InlineData("{\"va\\u006cue\":1,\"value\":2}", "duplicate key 'value'")]
    public void A_key_written_twice_in_one_object_is_refused_by_the_document_reader(string json, string expected)
    {
        var e = Assert.ThrowsAny<JsonException>(() => RequestJson.Parse(Encoding.UTF8.GetBytes(json)).Dispose());

        Assert.True(RequestJson.IsDuplicateKey(e));
        Assert.StartsWith(expected, RequestJson.Describe(e));
    }

    [Fact]
    public void The_same_key_in_two_objects_or_in_two_cases_is_not_a_duplicate()
    {
        using var doc = RequestJson.Parse(Encoding.UTF8.GetBytes("{\"a\":{\"id\":1},\"b\":{\"id\":2},\"c\":1,\"C\":2}"));

        Assert.Equal(2, doc.RootElement.GetProperty("b").GetProperty("id").GetInt32());
    }

    [Fact]
    public void Typed_reads_refuse_duplicate_keys_too_so_the_last_value_never_wins()
    {
        var strict = RequestJson.SerializerOptions(4, JsonUnmappedMemberHandling.Disallow);

        var e = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Amount>("{\"value\":12.5,\"value\":99999}", strict));
        Assert.True(RequestJson.IsDuplicateKey(e));
        Assert.ThrowsAny<JsonException>(() => Json.Deserialize<Amount>("{\"value\":12.5,\"value\":99999}"));
        Assert.Equal(12.5m, Json.Deserialize<Amount>("{\"value\":12.5}")!.Value);
    }

    [Fact]
    public void A_replay_body_with_a_duplicate_key_is_refused_with_its_name()
    {
        var (request, error) = ReplayRequestBody.Parse("{\"destination\":\"meta\",\"destination\":\"tiktok\"}"u8);

        Assert.Null(request);
        Assert.StartsWith("duplicate key 'destination'", error);
    }
}
