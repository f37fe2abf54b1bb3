namespace Pipeline.IntegrationTests.Fakes;

/// <summary>An answer a fake platform server gives: status, body and extra headers.</summary>
public sealed record FakeAnswer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);
