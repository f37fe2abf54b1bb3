using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Pipeline.Configuration;
using Pipeline.FunctionsTests.Composition;
using Pipeline.Storage;

namespace Pipeline.FunctionsTests.Deploy;

/// <summary>
/// The app settings <c>azd up</c> gives the function app (the Bicep, compiled and evaluated) hold everything the code
/// needs at start: an app deployed from a fresh environment, or with every secret set, starts.
/// </summary>
public sealed partial class DeployConfigurationTests
{
    /// <summary>A new azd environment: only what <c>azd env new</c> and <c>azd auth login</c> set.</summary>
    private static readonly Dictionary<string, string> FreshEnvironment = new()
    {
        ["AZURE_ENV_NAME"] = "shop-pipeline",
        ["AZURE_LOCATION"] = "westeurope",
        ["AZURE_PRINCIPAL_ID"] = "5b1e8a47-0c9d-4f0e-8e2b-7d3c1a9f6e21",
    };

    /// <summary>Every secret and source setting the README's deploy steps have the user set.</summary>
    private static readonly Dictionary<string, string> EverySecretSet = new(FreshEnvironment)
    {
        ["PIPELINE_API_KEY"] = "api-key-value",
        ["PIPELINE_OPERATOR_KEY"] = "operator-key-value",
        ["SHOPIFY_SHOP_DOMAIN"] = "example.myshopify.com",
        ["SHOPIFY_WEBHOOK_SECRET"] = "shopify-secret-value",
        ["STRIPE_WEBHOOK_SECRET"] = "whsec_value",
        ["META_ACCESS_TOKEN"] = "meta-token-value",
        ["TIKTOK_ACCESS_TOKEN"] = "tiktok-token-value",
        ["PINTEREST_ACCESS_TOKEN"] = "pinterest-token-value",
        ["SNAPCHAT_ACCESS_TOKEN"] = "snapchat-token-value",
        ["GOOGLE_ADS_DEVELOPER_TOKEN"] = "developer-token-value",
        ["GOOGLE_ADS_REFRESH_TOKEN"] = "refresh-token-value",
        ["GA4_API_SECRET"] = "ga4-secret-value",
        ["ALERT_EMAIL"] = "ops@example.com",
    };

    public static TheoryData<string> Environments => ["fresh", "every secret set"];

    private static IReadOnlyDictionary<string, object?> Settings(string environment) =>
        Deployment.AppSettings(environment == "fresh" ? FreshEnvironment : EverySecretSet);

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_setting_a_trigger_binding_expression_names_is_set(string environment)
    {
        var settings = Settings(environment);
        var required = StartupRequirements.BindingExpressionSettings();

        Assert.Contains("Pipeline__EventsQueue", required);
        Assert.Contains("Pipeline__DeliveriesQueue", required);
        foreach (var name in required)
        {
            Assert.True(settings.TryGetValue(name, out var value), $"{name} is not set by the Bicep");
            Assert.True(value is string s && s.Length > 0, $"{name} is empty in the Bicep");
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_queue_trigger_connection_is_identity_based_storage_without_a_key(string environment)
    {
        var settings = Settings(environment);
        foreach (var connection in StartupRequirements.QueueConnections())
        {
            Assert.False(settings.ContainsKey(connection), $"{connection} is a connection string: storage must go through the identity");
            Assert.True(settings.ContainsKey($"{connection}__accountName"), $"{connection}__accountName is not set");
            Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
            // A user-assigned identity: the host and DefaultAzureCredential both need its client id.
            Assert.True(settings.ContainsKey($"{connection}__clientId"), $"{connection}__clientId is not set");
            Assert.True(settings.ContainsKey("AZURE_CLIENT_ID"), "AZURE_CLIENT_ID is not set");
        }
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Every_secret_setting_is_a_key_vault_reference(string environment)
    {
        var secrets = Settings(environment).Where(kv => StartupRequirements.IsSecret(kv.Key)).ToList();
        if (environment == "every secret set")
        {
            Assert.Equal(
                ["Pipeline__ApiKeys", "Pipeline__OperatorKeys", "Pipeline__Sources__Shopify__Shops__0__Secrets", "Pipeline__Sources__Stripe__Secrets"],
                secrets.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        }
        foreach (var (name, value) in secrets)
            Assert.Matches(KeyVaultReference(), Assert.IsType<string>(value));
        // No secret's value is written into the app settings themselves: it stays in Key Vault.
        var secretValues = EverySecretSet.Where(kv => kv.Key.Contains("KEY") || kv.Key.Contains("SECRET") || kv.Key.Contains("TOKEN")).Select(kv => kv.Value);
        Assert.Empty(Settings(environment).Values.OfType<string>().Intersect(secretValues));
    }

    [Fact]
    public void A_destination_secret_in_extra_app_settings_names_the_deployed_vault()
    {
        var settings = Deployment.AppSettings(EverySecretSet, new Dictionary<string, string>
        {
            ["Pipeline__Destinations__0__Id"] = "meta-main",
            ["Pipeline__Destinations__0__Type"] = "meta",
            ["Pipeline__Destinations__0__Settings__AccessToken"] = "@Microsoft.KeyVault(VaultName={keyVaultName};SecretName=meta-access-token)",
        });

        var token = Assert.IsType<string>(settings["Pipeline__Destinations__0__Settings__AccessToken"]);
        Assert.StartsWith("@Microsoft.KeyVault(VaultName=kv-", token);
        Assert.DoesNotContain("{keyVaultName}", token);
        Assert.True(StartupRequirements.IsSecret("Pipeline__Destinations__0__Settings__AccessToken"));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_worker_composes_with_the_deployed_settings_once_the_platform_resolves_the_references(string environment)
    {
        CompositionTests.AssertEveryFunctionResolves(AsPlatformGivesThem(Settings(environment)));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_deployment_creates_the_queues_and_tables_the_code_uses_and_their_names_are_valid(string environment)
    {
        var env = environment == "fresh" ? FreshEnvironment : EverySecretSet;
        var options = Options(Settings(environment));
        var storage = Deployment.MainTemplate(env).Module("storage");
        var queues = new QueueNames(options).All.ToList();
        var tables = new TableNames(options).All.ToList();

        Assert.Equal(queues, ((IEnumerable<object?>)storage.Parameter("queueNames")!).Cast<string>());
        Assert.Equal(tables.Order(), ((IEnumerable<object?>)storage.Parameter("tableNames")!).Cast<string>().Order());
        Assert.All(queues, q => Assert.Matches(QueueName(), q));
        Assert.All(tables, t => Assert.Matches(TableName(), t));
    }

    /// <summary>
    /// The settings as the worker sees them on the platform: Key Vault references resolved to the secrets' values,
    /// names and ids only Azure knows filled with stand-ins of the right shape.
    /// </summary>
    private static IReadOnlyDictionary<string, string> AsPlatformGivesThem(IReadOnlyDictionary<string, object?> settings) =>
        settings.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            string s when KeyVaultReference().IsMatch(s) => "resolved-secret-value",
            string s when s.Contains(Deploy.Unknown.Text) => s.Replace(Deploy.Unknown.Text, "deployed0value"),
            string s => s,
            Deploy.Unknown => "deployed0value",
            var other => other?.ToString() ?? "",
        });

    private static PipelineOptions Options(IReadOnlyDictionary<string, object?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(WorkerSettings.AsConfiguration(AsPlatformGivesThem(settings))).Build()
            .GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();

    [GeneratedRegex(@"^@Microsoft\.KeyVault\((SecretUri=[^)]*secrets/[A-Za-z0-9-]+/?|VaultName=[^;]+;SecretName=[A-Za-z0-9-]+)\)$")]
    private static partial Regex KeyVaultReference();

    /// <summary>Azure Storage queue names: 3–63 lowercase letters, digits and single hyphens, not at either end.</summary>
    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex QueueName();

    /// <summary>Azure table names: 3–63 letters and digits, starting with a letter.</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
