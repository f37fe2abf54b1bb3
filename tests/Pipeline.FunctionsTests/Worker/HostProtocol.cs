using System.Reflection;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace Pipeline.FunctionsTests.Worker;

/// <summary>
/// The Functions host's gRPC protocol (<c>FunctionRpc.EventStream</c> of <c>StreamingMessage</c>), taken from the
/// worker's own gRPC package, <c>Microsoft.Azure.Functions.Worker.Grpc</c>: its generated message classes are
/// internal, so the test reaches them through their protobuf descriptors. No protocol file is copied here: the
/// messages are the very classes the worker serializes, and JSON in the protobuf mapping is how the test writes them.
/// </summary>
public static class HostProtocol
{
    private static readonly Assembly GrpcPackage = Assembly.Load("Microsoft.Azure.Functions.Worker.Grpc");

    public static FileDescriptor File { get; } = (FileDescriptor)GrpcPackage
        .GetType("Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection", throwOnError: true)!
        .GetProperty("Descriptor")!.GetValue(null)!;

    public static ServiceDescriptor Service { get; } = File.Services.Single(s => s.Name == "FunctionRpc");

    public static MethodDescriptor EventStreamDescriptor { get; } = Service.FindMethodByName("EventStream");

    public static MessageDescriptor StreamingMessage { get; } = EventStreamDescriptor.InputType;

    private static readonly Marshaller<IMessage> Marshaller =
        Marshallers.Create(message => message.ToByteArray(), bytes => StreamingMessage.Parser.ParseFrom(bytes));

    /// <summary>The bidirectional stream the worker opens to the host.</summary>
    public static Method<IMessage, IMessage> EventStream { get; } =
        new(MethodType.DuplexStreaming, Service.FullName, EventStreamDescriptor.Name, Marshaller, Marshaller);

    private static readonly TypeRegistry Registry = TypeRegistry.FromFiles(File);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithTypeRegistry(Registry));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(Registry));

    /// <summary>A <c>StreamingMessage</c> from its protobuf-JSON form, e.g. <c>new { requestId, workerInitRequest = new { … } }</c>.</summary>
    public static IMessage Message(object json) => Parser.Parse(JsonSerializer.Serialize(json), StreamingMessage);

    public static JsonElement ToJson(IMessage message)
    {
        using var doc = JsonDocument.Parse(Formatter.Format(message));
        return doc.RootElement.Clone();
    }

    /// <summary>Which message a <c>StreamingMessage</c> carries (<c>workerInitResponse</c>, <c>rpcLog</c>, …): its oneof's JSON name.</summary>
    public static string ContentOf(IMessage message) =>
        StreamingMessage.Oneofs.Single().Accessor.GetCaseFieldDescriptor(message)?.JsonName ?? "";
}
