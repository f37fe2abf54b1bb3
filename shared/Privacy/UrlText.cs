namespace Pipeline.Privacy;

/// <summary>Decoding of URL text for inspection only: the decoded form is looked at, never written back.</summary>
internal static class UrlText
{
    /// <summary>Layers of percent-encoding undone: <c>jane%2540example.com</c> was encoded twice on its way.</summary>
    private const int MaxDecodings = 3;

    /// <summary>
    /// The text with <c>+</c> read as a space (form encoding) and percent-escapes undone up to <see cref="MaxDecodings"/>
    /// times. Invalid escapes stay as they are; never throws.
    /// </summary>
    public static string Decode(ReadOnlySpan<char> raw)
    {
        var text = raw.ToString().Replace('+', ' ');
        for (var i = 0; i < MaxDecodings && text.Contains('%'); i++)
        {
            var decoded = Uri.UnescapeDataString(text);
            if (decoded == text) break;
            text = decoded;
        }
        return text;
    }
}
