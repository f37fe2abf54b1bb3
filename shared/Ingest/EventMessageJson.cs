using System.Text;
using Pipeline.Configuration;
using Pipeline.Events;
using Pipeline.Storage;

namespace Pipeline.Ingest;

/// <summary>Serializes an event for the events queue within its size limit.</summary>
public static class EventMessageJson
{
    /// <param name="dropContentsIfTooLarge">
    /// True for sources that cannot be asked to send less (a webhook of a very long order): the line items go, the
    /// value stays. False for callers that can fix their request.
    /// </param>
    /// <returns>The message, or the reason it cannot be queued.</returns>
    public static (string? Json, string? Error) Build(CanonicalEvent evt, bool dropContentsIfTooLarge)
    {
        var json = Json.Serialize(new EventMessage { Event = evt });
        if (Fits(json)) return (json, null);
        if (dropContentsIfTooLarge && evt.Contents is not null)
        {
            json = Json.Serialize(new EventMessage { Event = evt with { Contents = null } });
            if (Fits(json)) return (json, null);
        }
        return (null, $"the event is larger than {PipelineQueues.MaxMessageBytes / 1024} KiB once queued; send fewer contents or shorter values");
    }

    private static bool Fits(string json) => Encoding.UTF8.GetByteCount(json) <= PipelineQueues.MaxMessageBytes;
}
