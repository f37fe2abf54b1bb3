using Pipeline.Configuration;

namespace Pipeline.Destinations;

/// <summary>
/// The configured destinations, built once. With none configured, a single <c>outbox</c> destination records what
/// would be sent.
/// </summary>
public sealed class DestinationRegistry
{
    private readonly Dictionary<string, (DestinationOptions Options, IDestination Destination)> _byId = new(StringComparer.Ordinal);

    public DestinationRegistry(PipelineOptions options, IEnumerable<IDestinationFactory> factories)
    {
        var byType = factories.ToDictionary(f => f.Type, StringComparer.OrdinalIgnoreCase);
        var configured = options.Destinations.Count > 0
            ? options.Destinations
            : [new DestinationOptions { Id = "outbox", Type = "outbox" }];
        foreach (var d in configured)
        {
            if (string.IsNullOrWhiteSpace(d.Id)) throw new InvalidOperationException("Every destination needs an Id.");
            if (!byType.TryGetValue(d.Type, out var factory))
                throw new InvalidOperationException($"Destination '{d.Id}' has unknown Type '{d.Type}'. Known: {string.Join(", ", byType.Keys)}.");
            if (!_byId.TryAdd(d.Id, (d, factory.Create(d))))
                throw new InvalidOperationException($"Destination id '{d.Id}' is used twice.");
        }
    }

    /// <summary>Enabled destinations, in configuration order.</summary>
    public IEnumerable<(DestinationOptions Options, IDestination Destination)> Enabled => _byId.Values.Where(d => d.Options.Enabled);

    public bool TryGet(string id, out IDestination destination)
    {
        var found = _byId.TryGetValue(id, out var d);
        destination = d.Destination;
        return found;
    }
}
