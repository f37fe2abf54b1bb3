namespace Pipeline.Events;

/// <summary>The platforms' <c>action_source</c> enum: where the user converted.</summary>
public static class ActionSources
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "website", "app", "phone_call", "chat", "email", "physical_store", "system_generated", "business_messaging", "other",
    };

    public static bool IsValid(string? value) => value is not null && All.Contains(value);
}
