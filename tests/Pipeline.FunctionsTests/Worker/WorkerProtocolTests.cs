using System.Text.Json;

namespace Pipeline.FunctionsTests.Worker;

/// <summary>
/// The built Functions app, started as a worker process the way the Functions host starts it, speaks the host's
/// protocol: it connects, initializes, reports its functions, loads them and runs them against Azurite.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerProtocolTests(RunningWorker worker)
{
    [Fact]
    public void The_worker_opens_the_stream_with_the_worker_id_the_host_gave_it_and_initializes()
    {
        Assert.Equal(worker.Worker.WorkerId, worker.StartStream.GetProperty("workerId").GetString());
        Assert.Equal("Success", worker.InitResponse.GetProperty("result").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(worker.InitResponse.GetProperty("workerVersion").GetString()));
        // ASP.NET Core integration: the worker serves HTTP itself and tells the host where, for the host to proxy to.
        Assert.StartsWith("http://", worker.InitResponse.GetProperty("capabilities").GetProperty("HttpUri").GetString());
    }

    [Fact]
    public void The_worker_reports_every_function_of_functions_metadata_and_loads_each()
    {
        Assert.Equal("Success", worker.MetadataResponse.GetProperty("result").GetProperty("status").GetString());
        Assert.Equal(Surface.FunctionsMetadata.FunctionNames(), worker.FunctionIds.Keys.Order(StringComparer.Ordinal).ToList());
        Assert.All(worker.LoadResponses, r => Assert.Equal("Success", r.GetProperty("result").GetProperty("status").GetString()));
    }

    [Fact]
    public void Every_function_reports_the_same_bindings_as_functions_metadata()
    {
        var reported = worker.MetadataResponse.GetProperty("functionMetadataResults").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!);
        foreach (var expected in Surface.FunctionsMetadata.Read().EnumerateArray())
        {
            var name = expected.GetProperty("name").GetString()!;
            var function = reported[name];
            Assert.Equal(expected.GetProperty("entryPoint").GetString(), function.GetProperty("entryPoint").GetString());
            var rawBindings = function.GetProperty("rawBindings").EnumerateArray()
                .Select(b => Canonical(JsonDocument.Parse(b.GetString()!).RootElement)).Order(StringComparer.Ordinal).ToList();
            var fileBindings = expected.GetProperty("bindings").EnumerateArray().Select(Canonical).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(fileBindings, rawBindings);
        }
    }

    /// <summary>A binding's trigger-relevant fields, in one form whichever way the JSON was cased or ordered.</summary>
    private static string Canonical(JsonElement binding)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in binding.EnumerateObject())
        {
            if (property.NameEquals("properties")) continue;
            fields[property.Name.ToLowerInvariant()] = Value(property.Value);
        }
        return string.Join(";", fields.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.ToLowerInvariant(),
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Value)) + "]",
        _ => value.GetRawText().ToLowerInvariant(),
    };
}
