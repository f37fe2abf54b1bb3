namespace Pipeline.IntegrationTests.Fakes;

/// <summary>One request a fake platform server received, as it arrived.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path, e.g. <c>/v26.0/1234/events</c>.</param>
/// <param name="Query">Raw query string including the leading <c>?</c>, or empty.</param>
/// <param name="Headers">Request headers, case-insensitive keys; repeated headers joined with commas.</param>
/// <param name="Body">Request body as text.</param>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    /// <summary>A query parameter's decoded value, or null.</summary>
    public string? QueryParameter(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var values) ? values.ToString() : null;
}
