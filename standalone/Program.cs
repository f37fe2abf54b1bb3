using Pipeline.Standalone;

if (Cli.IsCommand(args)) return await Cli.RunAsync(args, Console.Out, Console.Error);

var app = StandaloneHost.Build(args);
await app.RunAsync();
return 0;
