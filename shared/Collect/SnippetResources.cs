namespace Pipeline.Collect;

/// <summary>The browser scripts embedded in this assembly, served as written (no build step, no minifier).</summary>
public static class SnippetResources
{
    /// <summary>The snippet served at <c>/api/{prefix}/s.js</c>.</summary>
    public const string Snippet = "snippet.js";

    /// <summary>The optional Shopify add-on (Customer Privacy consent, cart attribute, custom pixel Purchase).</summary>
    public const string Shopify = "shopify.js";

    /// <summary>The script's bytes (UTF-8), or null when no such script is embedded.</summary>
    public static byte[]? Read(string fileName) => ReadResource($"Pipeline.Collect.Snippet.{fileName}");

    private static byte[]? ReadResource(string resourceName)
    {
        using var stream = typeof(SnippetResources).Assembly.GetManifestResourceStream(resourceName);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The demo shop page (<c>Collect/Demo/shop.html</c>), or null when it is not embedded.</summary>
    public static byte[]? ReadDemoPage() => ReadResource("Pipeline.Collect.Demo.shop.html");

    public static IEnumerable<string> Names =>
        typeof(SnippetResources).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Pipeline.Collect.Snippet.", StringComparison.Ordinal))
            .Select(n => n["Pipeline.Collect.Snippet.".Length..]);
}
