using System.Collections.Concurrent;
using Pipeline.Configuration;
using Pipeline.Destinations;

namespace Pipeline.IntegrationTests.Circuit;

/// <summary>
/// A test platform account whose token the test revokes and renews: while revoked every delivery answers an auth
/// failure (like Meta's 190), once renewed it accepts. Counts what it received, per event.
/// </summary>
public sealed class TokenGatedAccount
{
    private int _authFailures;

    public volatile bool TokenRevoked;

    public ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.Ordinal);

    public int AuthFailures => Volatile.Read(ref _authFailures);

    public DeliveryOutcome Answer(string eventId)
    {
        if (TokenRevoked)
        {
            Interlocked.Increment(ref _authFailures);
            return DeliveryOutcome.AuthFailure("190: Error validating access token: Session has expired");
        }
        Accepted.AddOrUpdate(eventId, 1, (_, n) => n + 1);
        return DeliveryOutcome.Delivered("events_received: 1");
    }
}

/// <summary>Destinations of type <c>token-gated</c>, all answering from one <see cref="TokenGatedAccount"/>.</summary>
public sealed class TokenGatedDestinationFactory(TokenGatedAccount account) : IDestinationFactory
{
    public const string TypeName = "token-gated";

    public string Type => TypeName;

    public IDestination Create(DestinationOptions options) => new TokenGatedDestination(options.Id, account);

    private sealed class TokenGatedDestination(string id, TokenGatedAccount account) : IDestination
    {
        public string Id => id;
        public string Type => TypeName;

        public Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(account.Answer(request.Event.EventId));
    }
}
