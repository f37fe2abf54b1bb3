using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pipeline.Configuration;
using Pipeline.Destinations;
using Pipeline.IntegrationTests.Foundation;
using Pipeline.IntegrationTests.Infrastructure;
using Pipeline.Ledger;
using Pipeline.Storage;

namespace Pipeline.IntegrationTests.Delivery;

/// <summary>
/// A hand-off cancelled mid-send (the queue listeners are stopped: a restart in a storage outage, a shutdown) gives
/// its leases back, so the queue's retry of the message need not wait out the 2-minute lease on every row.
/// </summary>
public sealed class CancelledHandOffTests
{
    private const string Hanging = "hanging";

    [Fact]
    public async Task A_hand_off_cancelled_while_the_platform_has_not_answered_leaves_no_row_leased()
    {
        var platform = new HangingPlatform();
        var host = await PipelineHost.StartAsync(new Dictionary<string, string?>
        {
            ["Pipeline:Destinations:0:Id"] = Hanging,
            ["Pipeline:Destinations:0:Type"] = HangingPlatform.TypeName,
        }, services: s => s.AddSingleton<IDestinationFactory>(platform));
        var ledger = host.Table("ledger");
        var purchase = EventBuilder.Purchase();
        var eventId = (string)purchase["event_id"]!;
        await host.PostEventAsync(purchase);
        await platform.Called.Task.WaitAsync(Eventually.DefaultTimeout);

        // Stopping the host stops the listeners, which cancels the function in the middle of its send.
        await host.DisposeAsync();

        var rows = await ledger.QueryAsync<TableEntity>(e => e.PartitionKey == TableKeys.Encode(eventId)).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.False(DeliveryState.IsLeased(row.GetString("State")), $"{row.RowKey} is still {row.GetString("State")}"));
    }

    /// <summary>A platform that never answers: a send waits until it is cancelled.</summary>
    private sealed class HangingPlatform : IDestinationFactory, IDestination
    {
        public const string TypeName = "hanging";

        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Id => Hanging;
        public string Type => TypeName;

        public IDestination Create(DestinationOptions options) => this;

        public async Task<DeliveryOutcome> DeliverAsync(DeliveryRequest request, CancellationToken cancellationToken)
        {
            Called.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return DeliveryOutcome.Delivered("never");
        }
    }
}
