using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pipeline.IntegrationTests.Infrastructure;

namespace Pipeline.FunctionsTests.Worker;

/// <summary>
/// Stands where the Functions host stands for a worker: a gRPC server on 127.0.0.1 serving
/// <c>FunctionRpc.EventStream</c> (HTTP/2 without TLS, as the host serves it to its workers). What the worker sends is
/// kept in arrival order; the test sends the host's requests and waits for the worker's answers.
/// </summary>
public sealed class FakeFunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<IMessage> _toWorker = Channel.CreateUnbounded<IMessage>();
    private readonly ConcurrentQueue<(string Content, JsonElement Json)> _fromWorker = new();

    public int Port { get; }

    private FakeFunctionsHost()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.MapGrpcService<EventStreamService>();
        _app.StartAsync().GetAwaiter().GetResult();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(address).Port;
    }

    public static FakeFunctionsHost Start() => new();

    public ValueTask SendAsync(object streamingMessage) => _toWorker.Writer.WriteAsync(HostProtocol.Message(streamingMessage));

    /// <summary>The first message of that kind the worker sent that matches, waiting for it within a generous bound.</summary>
    public async Task<JsonElement> WaitForAsync(string content, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        var found = await Eventually.Get(() => Task.FromResult(Find(content, match)), $"the worker's {content}", timeout);
        return found.Message;
    }

    private Found? Find(string content, Func<JsonElement, bool>? match) => _fromWorker
        .Where(m => m.Content == content)
        .Select(m => new Found(m.Json.GetProperty(content)))
        .FirstOrDefault(f => match is null || match(f.Message));

    private sealed record Found(JsonElement Message);

    /// <summary>What the worker logged through the host (the host shows these as the function's logs).</summary>
    public string Logs() => string.Join(Environment.NewLine, _fromWorker.Where(m => m.Content == "rpcLog")
        .Select(m => m.Json.GetProperty("rpcLog").TryGetProperty("message", out var text) ? text.GetString() : ""));

    internal async Task RunStreamAsync(IAsyncStreamReader<IMessage> fromWorker, IServerStreamWriter<IMessage> toWorker, CancellationToken ct)
    {
        var writer = Task.Run(async () =>
        {
            await foreach (var message in _toWorker.Reader.ReadAllAsync(ct)) await toWorker.WriteAsync(message, ct);
        }, ct);
        while (await fromWorker.MoveNext(ct))
            _fromWorker.Enqueue((HostProtocol.ContentOf(fromWorker.Current), HostProtocol.ToJson(fromWorker.Current)));
        await writer;
    }

    public async ValueTask DisposeAsync()
    {
        _toWorker.Writer.TryComplete();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10))) await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>
/// <c>FunctionRpc</c>'s one method, bound to the protocol's own method definition: ASP.NET Core's gRPC server calls
/// <see cref="EventStream"/> (found by the method's name; it must be a virtual of the bound type, as generated
/// service bases are) for the worker's stream.
/// </summary>
[BindServiceMethod(typeof(EventStreamService), nameof(BindService))]
public class EventStreamService(FakeFunctionsHost host)
{
    public static void BindService(ServiceBinderBase binder, EventStreamService? service) =>
        binder.AddMethod(HostProtocol.EventStream, (DuplexStreamingServerMethod<IMessage, IMessage>?)null);

    public virtual Task EventStream(IAsyncStreamReader<IMessage> requestStream, IServerStreamWriter<IMessage> responseStream, ServerCallContext context) =>
        host.RunStreamAsync(requestStream, responseStream, context.CancellationToken);
}
