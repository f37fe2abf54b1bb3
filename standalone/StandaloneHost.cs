using Pipeline.Standalone.Functions;
using Pipeline.Telemetry;

namespace Pipeline.Standalone;

/// <summary>
/// Runs the same pipeline as the Functions app, off Azure: the WebJobs SDK's queue listener (the one the Functions
/// host uses, with the same retry and poison rules, supervised by <see cref="QueueListenerSupervisor"/>) and Kestrel
/// for the HTTP routes under <c>/api/</c>.
/// </summary>
public static class StandaloneHost
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <param name="configure">Extra configuration applied last (tests use it for unique queue names).</param>
    /// <param name="services">Extra services registered after the pipeline's (tests add their own destination types).</param>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null, string? settingsDirectory = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        StandaloneConfiguration.Apply(builder.Configuration, settingsDirectory);
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.AddPipeline(builder.Configuration);
        builder.Services.AddPipelineTelemetry(builder.Configuration);
        builder.Services.AddHostedService<RetentionFunction>();
        services?.Invoke(builder.Services);
        // Queue names in trigger attributes resolve from configuration; give them the same defaults as the library.
        builder.Configuration.AddInMemoryCollection(
        [
            new("Pipeline:EventsQueue", builder.Configuration["Pipeline:EventsQueue"] ?? "events"),
            new("Pipeline:DeliveriesQueue", builder.Configuration["Pipeline:DeliveriesQueue"] ?? "deliveries"),
        ]);
        builder.Services.AddHostedService<QueueListenerSupervisor>();

        var app = builder.Build();
        EventsFunction.Map(app);
        ReplayFunction.Map(app);
        ShopifyWebhookFunction.Map(app);
        StripeWebhookFunction.Map(app);
        OperationsRoutes.Map(app);
        CollectFunction.Map(app);
        app.MapGet("/api/health", (Pipeline.Collect.SnippetHandler snippet) =>
            Results.Ok(new { status = "ok", snippet = snippet.SnippetPath, demo = snippet.DemoPath }));
        return app;
    }
}
