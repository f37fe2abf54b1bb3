using Pipeline.Configuration;

namespace Pipeline.Destinations.Outbox;

/// <summary>Creates <see cref="OutboxDestination"/>s.</summary>
public sealed class OutboxDestinationFactory(OutboxWriter writer) : IDestinationFactory
{
    public string Type => OutboxDestination.TypeName;
    public IDestination Create(DestinationOptions options) => new OutboxDestination(options, writer);
}
