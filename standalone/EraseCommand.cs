using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Pipeline.Configuration;
using Pipeline.Privacy;

namespace Pipeline.Standalone;

/// <summary>
/// <c>erase --email x@y | --phone … | --external-id … | --visitor-id …</c>: deletes everything linked to the person and
/// prints what was deleted. A value of <c>-</c> is read from standard input, which keeps it out of shell history.
/// </summary>
public static class EraseCommand
{
    private const string Usage =
        "usage: erase [--email ADDRESS|-] [--phone NUMBER|-] [--external-id ID|-] [--visitor-id ID]\n" +
        "       (at least one; '-' reads the value from standard input; plaintext is hashed and never stored)";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, CliConsole console)
    {
        var request = new ErasureRequest();
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return Fail(console, $"missing value after {args[i]}");
            var value = args[i + 1] == "-" ? (await console.In.ReadLineAsync())?.Trim() : args[i + 1];
            switch (args[i])
            {
                case "--email": request = request with { Email = value }; break;
                case "--phone": request = request with { Phone = value }; break;
                case "--external-id": request = request with { ExternalId = value }; break;
                case "--visitor-id": request = request with { VisitorId = value }; break;
                default: return Fail(console, $"unknown option {args[i]}");
            }
        }
        if (request.IsEmpty) return Fail(console, "nothing to erase");

        var services = new ServiceCollection().AddLogging().AddPipeline(configuration).BuildServiceProvider();
        await using (services)
        {
            var report = await services.GetRequiredService<ErasureService>().EraseAsync(request, CancellationToken.None);
            await console.Out.WriteLineAsync(JsonSerializer.Serialize(report, new JsonSerializerOptions(Json.Options) { WriteIndented = true }));
        }
        return 0;
    }

    private static int Fail(CliConsole console, string message)
    {
        console.Error.WriteLine($"erase: {message}");
        console.Error.WriteLine(Usage);
        return 2;
    }
}
