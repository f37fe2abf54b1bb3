namespace Pipeline.IntegrationTests.Infrastructure;

/// <summary>Polls until a condition holds or a deadline passes: the only way tests wait.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> Get<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (value is not null) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public static async Task True(Func<Task<bool>> probe, string what, TimeSpan? timeout = null) =>
        await Get<object>(async () => await probe() ? new object() : null, what, timeout);
}
