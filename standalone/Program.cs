using Pipeline.Standalone;

if (Cli.IsCommand(args)) return await Cli.RunAsync(args);

var app = StandaloneHost.Build(args);
await app.RunAsync();
return 0;
