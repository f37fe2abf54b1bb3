using System.IO.Compression;
using System.Text;
using Pipeline.Collect;

namespace Pipeline.UnitTests.Collect;

public class SnippetResourcesTests
{
    [Fact]
    public void Snippet_as_served_is_at_most_2_KB_gzipped()
    {
        var script = SnippetResources.Read(SnippetResources.Snippet);
        Assert.NotNull(script);

        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(script);

        Assert.InRange(compressed.Length, 1, 2048);
    }

    [Fact]
    public void Both_scripts_are_embedded()
    {
        Assert.Contains(SnippetResources.Snippet, SnippetResources.Names);
        Assert.Contains(SnippetResources.Shopify, SnippetResources.Names);
        Assert.Null(SnippetResources.Read("missing.js"));
    }

    [Fact]
    public void Snippet_knows_every_click_id_and_cookie_the_parser_accepts()
    {
        var script = Encoding.UTF8.GetString(SnippetResources.Read(SnippetResources.Snippet)!);
        var words = script.Split([' ', '\'', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

        Assert.All(BrowserIdentifiers.ClickIdParameters, name => Assert.Contains(name, words));
        Assert.All(BrowserIdentifiers.Cookies, name => Assert.Contains(name, words));
    }
}
