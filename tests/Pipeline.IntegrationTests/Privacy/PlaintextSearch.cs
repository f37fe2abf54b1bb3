using System.Text;
using System.Text.RegularExpressions;

namespace Pipeline.IntegrationTests.Privacy;

/// <summary>
/// Looks for plaintext values in what the pipeline left behind: files, request bodies, log lines. Queue messages are
/// Base64 on the wire and in Azurite's files, so every Base64 run is also searched decoded.
/// </summary>
internal static partial class PlaintextSearch
{
    /// <summary>Where each value was found, as <c>value in place</c>; empty when nowhere.</summary>
    public static List<string> Find(IEnumerable<(string Place, string Text)> sources, IReadOnlyList<string> values)
    {
        var found = new List<string>();
        foreach (var (place, text) in sources)
        {
            var searchable = WithBase64Decoded(text);
            foreach (var value in values)
                if (searchable.Contains(value, StringComparison.OrdinalIgnoreCase)) found.Add($"{value} in {place}");
        }
        return found;
    }

    /// <summary>Every file under a folder, as text.</summary>
    public static IEnumerable<(string Place, string Text)> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => (path, Encoding.UTF8.GetString(File.ReadAllBytes(path))));

    /// <summary>The text followed by the decoding of each Base64 run in it (at least 8 characters, as UTF-8).</summary>
    public static string WithBase64Decoded(string text)
    {
        var all = new StringBuilder(text);
        foreach (System.Text.RegularExpressions.Match run in Base64Run().Matches(text))
        {
            // A run may be several messages back to back; only whole four-character groups decode.
            var bare = run.Value.TrimEnd('=');
            if (bare.Length % 4 == 1) bare = bare[..^1];
            var padded = bare.PadRight(bare.Length + (4 - bare.Length % 4) % 4, '=');
            try
            {
                all.Append('\n').Append(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
            }
            catch (FormatException)
            {
                // Not Base64 after all (a word, a path): the raw text was searched already.
            }
        }
        return all.ToString();
    }

    [GeneratedRegex("[A-Za-z0-9+/]{8,}={0,2}")]
    private static partial Regex Base64Run();
}
