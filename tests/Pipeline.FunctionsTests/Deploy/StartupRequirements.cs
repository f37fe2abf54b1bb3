using System.Reflection;
using System.Text.RegularExpressions;
using Pipeline.Configuration;
using Pipeline.FunctionsTests.Surface;

namespace Pipeline.FunctionsTests.Deploy;

/// <summary>
/// What the Functions app needs from its app settings to start, read from the code rather than listed by hand:
/// the <c>%setting%</c> expressions in its trigger bindings (the host cannot index a function whose expression
/// resolves to nothing), the storage connection every queue trigger names, and which options hold secrets.
/// </summary>
public static partial class StartupRequirements
{
    /// <summary>App-setting names (<c>Pipeline__EventsQueue</c>) of every <c>%Pipeline:EventsQueue%</c> in functions.metadata.</summary>
    public static IReadOnlyList<string> BindingExpressionSettings() => FunctionsMetadata.Triggers()
        .SelectMany(t => BindingExpression().Matches(t.What).Select(m => m.Groups["name"].Value))
        .Select(name => name.Replace(":", "__"))
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The storage connections the queue triggers listen on (<c>AzureWebJobsStorage</c> unless a binding names another).</summary>
    public static IReadOnlyList<string> QueueConnections() => FunctionsMetadata.Triggers()
        .Where(t => t.Kind == "queue").Select(t => t.Detail).Distinct().ToList();

    /// <summary>
    /// Option properties that hold secrets, by the naming the options classes follow: keys (<c>ApiKeys</c>,
    /// <c>OperatorKeys</c>), secrets (<c>Secrets</c>, <c>ApiSecret</c>, <c>ClientSecret</c>) and tokens
    /// (<c>AccessToken</c>, <c>RefreshToken</c>), across every <c>*Options</c> and <c>*Settings</c> class of the library.
    /// </summary>
    public static IReadOnlySet<string> SecretOptionNames() => typeof(PipelineOptions).Assembly.GetTypes()
        .Where(t => t.IsPublic && (t.Name.EndsWith("Options") || t.Name.EndsWith("Settings")))
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        .Where(p => p.Name.EndsWith("Keys") || p.Name.EndsWith("Secret") || p.Name.EndsWith("Secrets") || p.Name.EndsWith("Token"))
        .Select(p => p.Name)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an app setting (<c>Pipeline__Sources__Stripe__Secrets</c>) names one of those secret options.</summary>
    public static bool IsSecret(string appSetting)
    {
        var option = appSetting.Split("__").LastOrDefault(segment => !segment.All(char.IsDigit)) ?? "";
        return appSetting.StartsWith("Pipeline__", StringComparison.OrdinalIgnoreCase) && SecretOptionNames().Contains(option);
    }

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex BindingExpression();
}
