namespace Pipeline.IntegrationTests.Reliability;

/// <summary>
/// What a reliability scenario measured. <see cref="Delivered"/>: accepted orders every destination kept;
/// <see cref="Duplicates"/>: extra successful deliveries of an id a platform already kept (it deduplicates them by
/// event id / order id); <see cref="Lost"/>: accepted orders some destination never got and nothing still holds.
/// </summary>
public sealed record ScenarioResult(string Scenario, int Sent, int Accepted, int Delivered, int Duplicates, int Lost, string Detail = "")
{
    /// <summary>The one summary line every run prints.</summary>
    public override string ToString() =>
        $"{Scenario}: sent={Sent} accepted={Accepted} delivered={Delivered} duplicates={Duplicates} lost={Lost}" +
        (Detail.Length > 0 ? $" ({Detail})" : "");
}
