using Pipeline.Standalone;

var app = StandaloneHost.Build(args);
await app.RunAsync();
